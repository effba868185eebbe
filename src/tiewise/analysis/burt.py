"""Burt's structural-hole measures — effective size, efficiency, constraint, hierarchy — for
every node of any graph, exact and vectorised.

Definitions (Burt 1992, *Structural Holes*, ch. 2; Borgatti 1997, "Structural holes: unpacking
Burt's redundancy measures", *Connections* 20(1); the conventions of networkx'
``structuralholes.py`` and igraph's ``constraint``), with ``a_ij`` the weight of the tie i→j:

- mutual weight ``w_ij = a_ij + a_ji``; the contacts ``N(i)`` of i are the nonzero pattern of
  row i of W (for a directed graph: predecessors ∪ successors), ``n_i = |N(i)|``;
- strength ``s_i = Σ_k w_ik``; proportional investment ``p_ij = w_ij / s_i``;
- marginal strength ``m_jq = w_jq / max_k w_jk``;
- effective size ``ES_i = Σ_{j∈N(i)} (1 − Σ_{q≠i,j} p_iq m_jq)``; efficiency ``ES_i / n_i``;
- dyadic constraint ``c_ij = (p_ij + Σ_{q≠i,j} p_iq p_qj)²``; constraint ``C_i = Σ_{j∈N(i)} c_ij``;
- hierarchy (Burt 1992, ch. 2: the Coleman–Theil disorder index of the c_ij)
  ``H_i = Σ_j (c_ij/c̄) ln(c_ij/c̄) / (N ln N)`` with ``N = n_i``, ``c̄ = C_i / N``.

Decisions (each is tested):

- **Input normalisation.** Every stored entry (i, j, a) of ``adjacency`` is a tie of weight a
  from i to j, and the measures see ties only through ``W = A + Aᵀ``. For an undirected graph
  this means a matrix given one way round (``a_ij`` stored, ``a_ji`` not) and a symmetric one
  both work: the symmetric matrix has every weight doubled, which changes no measure, since
  p and m are ratios of weights (every measure is invariant to scaling all weights). An edge
  stored more than once — duplicate entries of a COO matrix, or (i, j) *and* (j, i) in a matrix
  meant as one-way — is a multi-edge: its weights are summed, as igraph does. ``directed``
  therefore changes no arithmetic (mutual weights are direction-free, as in networkx); it is
  accepted so that callers state what their matrix means.
- **Self-loops** are ignored (as igraph; networkx would count them into ``s_i``).
- **Zero weights**: an edge of weight 0 is no tie — it is dropped before anything else, so it
  neither adds a contact nor counts in ``n_i`` (igraph and networkx disagree here: networkx keeps
  such an edge as a contact with p = 0). A node with no positive tie is an isolate.
- **Isolates** (no tie other than self-loops or zero-weight edges): every measure is NaN, degree 0.
- **Negative or non-finite weights** raise ``ValueError``.
- **Hierarchy at degree 1** is NaN: with one contact ``N ln N = 0`` and the numerator is 0 too
  (c_ij = c̄), so the index is 0/0. Burt's reading does not settle it either — hierarchy is 0
  when constraint is spread evenly over the contacts and 1 when it is concentrated in one
  contact, and with a single contact both hold at once.

Algorithm. Because W is symmetric with a zero diagonal, the two inner sums are weighted
triangle sums on the ties (the terms q = i and q = j vanish by themselves):

- ``Σ_q p_iq m_jq = X_ij / (s_i · max_k w_jk)`` with ``X_ij = Σ_q w_iq w_qj = (W·W)_ij``;
- ``Σ_q p_iq p_qj = Y_ij / s_i`` with ``Y_ij = Σ_q w_iq w_qj / s_q = (W·D⁻¹·W)_ij``, D = diag(s).

Only the entries of X and Y on the ties are needed, and both are symmetric, so they are computed
on the upper triangle U of W only: one *masked* sparse product ``Z<U> = B·Bᵀ`` with the complex
matrix ``B = W·diag(z)``, ``z_q = sqrt(1 + iκ/s_q)``. Since ``z_q² = 1 + iκ/s_q``,
``Z_ij = Σ_q w_iq w_jq z_q² = X_ij + iκ·Y_ij``: both sums come out of a single pass over the
wedges. κ (the smallest strength) keeps ``|κ/s_q| ≤ 1`` so that neither the real nor the
imaginary part loses precision to cancellation (errors stay near 1e-15 relative). The product
runs in SuiteSparse:GraphBLAS (``suitesparse-graphblas``, called through its cffi bindings) as a
masked dot product ("dot3": one sorted-list intersection per tie, multithreaded), which never
forms W² and needs O(m) memory: at most four sparse matrices of up to 2m entries live at once.

Measured alternatives, for the triangle sums alone on G(n=1,000,000, m=10,000,000), 2 cores, where
igraph's ``constraint`` alone takes about 20 s (bench/RESULTS-burt.md has the current run):

- GraphBLAS, one complex masked dot3 on the upper triangle (chosen): 2.4 s;
- GraphBLAS, X and Y as two real masked products on the upper triangle: 5.0 s; on the full
  mask W: 7.6 s (saxpy, GraphBLAS' own choice for ``W·W``) or 10.9 s (dot3);
- SciPy, row-chunked SpGEMM masked afterwards (single thread, hash accumulators; kept as the
  fallback when ``suitesparse-graphblas`` is missing): 37 s;
- NumPy, degree-ordered triangle enumeration with vectorised ``searchsorted`` look-ups of the
  closing edge: 46 s for X alone.

All four measures with the chosen product take 4–7 s there, 0.3× igraph's time for constraint
alone, at a peak of about 1.4 GB including the input matrix.

Everything after the product is a handful of ``np.bincount`` passes over the ties.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

#: Rows of W·R multiplied at once by the SciPy path: wedges (Σ_{q∈N(i)} n_q) per chunk.
SCIPY_WEDGES_PER_CHUNK = 1 << 22


@dataclass(frozen=True, eq=False)
class BurtMeasures:
    """Burt's measures per node, aligned with the rows of the input matrix.

    ``degree`` is the number of contacts (int); the float arrays are NaN for isolates, and
    ``hierarchy`` is NaN for nodes with a single contact as well.
    """

    degree: np.ndarray
    effective_size: np.ndarray
    efficiency: np.ndarray
    constraint: np.ndarray
    hierarchy: np.ndarray


@dataclass(frozen=True, eq=False)
class _TieSums:
    """Per tie {i, j} (each once, i < j): the triangle sums X_ij, and w_ij + Y_ij."""

    i: np.ndarray  # int64
    j: np.ndarray  # int64
    x: np.ndarray  # X_ij = Σ_q w_iq w_qj
    v: np.ndarray  # w_ij + Y_ij = w_ij + Σ_q w_iq w_qj / s_q


def burt_measures(
    adjacency: sparse.sparray | sparse.spmatrix, directed: bool = False
) -> BurtMeasures:
    """Effective size, efficiency, constraint and hierarchy of every node (Burt 1992).

    ``adjacency[i, j]`` is the weight of the tie i→j (any SciPy sparse format; non-negative,
    finite). See the module docstring for the formulas and how duplicates, self-loops, zero
    weights, isolates and nodes of degree 1 are treated; ``directed`` changes no arithmetic.
    """
    if not isinstance(directed, bool):
        raise TypeError(f"directed must be a bool, not {type(directed).__name__}")
    upper = mutual_weights(adjacency)
    n = upper.shape[0]
    degree, strength, max_weight = _node_totals(upper)
    sums = _triangle_sums(upper, strength)
    del upper
    with np.errstate(divide="ignore", invalid="ignore"):
        effective = _effective_size(degree, strength, max_weight, sums)
        efficiency = _efficiency(effective, degree)
        c_ij, c_ji = _dyadic_constraint(strength, sums)
        constraint = _aggregate_constraint(n, sums, c_ij, c_ji)
        hierarchy = _hierarchy(degree, constraint, sums, c_ij, c_ji)
    isolated = degree == 0
    for array in (effective, efficiency, constraint, hierarchy):
        array[isolated] = np.nan
    hierarchy[degree == 1] = np.nan
    for array in (degree, effective, efficiency, constraint, hierarchy):
        array.setflags(write=False)
    return BurtMeasures(degree, effective, efficiency, constraint, hierarchy)


def mutual_weights(adjacency: sparse.sparray | sparse.spmatrix) -> sparse.csr_array:
    """The upper triangle of the mutual weights ``W = A + Aᵀ`` (Burt 1992: ``w_ij = a_ij + a_ji``)
    as a CSR array with sorted indices: one entry per tie {i, j}, i < j.

    Self-loops and zero weights are dropped first; duplicate entries are summed. Raises
    ``ValueError`` for a matrix that is not square, complex, negative or not finite.
    """
    if not (sparse.issparse(adjacency) and adjacency.ndim == 2):
        raise ValueError("adjacency must be a 2-D SciPy sparse matrix or array")
    rows, cols = adjacency.shape
    if rows != cols:
        raise ValueError(f"adjacency must be square, not {rows}×{cols}")
    coo = sparse.coo_array(adjacency)
    if not (np.issubdtype(coo.dtype, np.number) or coo.dtype == np.bool_) or np.issubdtype(
        coo.dtype, np.complexfloating
    ):
        raise ValueError(f"edge weights must be real numbers, not {coo.dtype}")
    weight = coo.data.astype(np.float64, copy=False)
    if not np.isfinite(weight).all():
        raise ValueError("edge weights must be finite")
    if (weight < 0).any():
        raise ValueError("edge weights must not be negative")
    keep = (coo.row != coo.col) & (weight > 0)
    low = np.minimum(coo.row[keep], coo.col[keep])
    high = np.maximum(coo.row[keep], coo.col[keep])
    upper = sparse.csr_array((weight[keep], (low, high)), shape=(rows, rows))
    upper.sum_duplicates()  # also sorts the indices
    return upper


def _node_totals(upper: sparse.csr_array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per node: degree ``n_i = |N(i)|``, strength ``s_i = Σ_k w_ik`` and ``max_k w_ik``."""
    n = upper.shape[0]
    row = np.repeat(np.arange(n), np.diff(upper.indptr))
    col = upper.indices
    degree = np.bincount(row, minlength=n) + np.bincount(col, minlength=n)
    strength = np.bincount(row, upper.data, n) + np.bincount(col, upper.data, n)
    max_weight = np.zeros(n)
    np.maximum.at(max_weight, row, upper.data)
    np.maximum.at(max_weight, col, upper.data)
    return degree, strength, max_weight


def _triangle_sums(upper: sparse.csr_array, strength: np.ndarray) -> _TieSums:
    """``X_ij = Σ_q w_iq w_qj`` and ``w_ij + Y_ij`` with ``Y_ij = Σ_q w_iq w_qj / s_q`` for every
    tie, through GraphBLAS when it is installed, else through SciPy."""
    try:
        import suitesparse_graphblas  # noqa: F401
    except ImportError:
        return _triangle_sums_scipy(upper, strength)
    return _triangle_sums_graphblas(upper, strength)


def _effective_size(
    degree: np.ndarray, strength: np.ndarray, max_weight: np.ndarray, sums: _TieSums
) -> np.ndarray:
    """Burt's effective size ``ES_i = Σ_{j∈N(i)} (1 − Σ_q p_iq m_jq)``
    ``= n_i − (1/s_i) Σ_j X_ij / max_k w_jk`` (Burt 1992, ch. 2; Borgatti 1997)."""
    redundancy = _per_node(
        degree.size, sums, sums.x / max_weight[sums.j], sums.x / max_weight[sums.i]
    )
    return degree - redundancy / strength


def _efficiency(effective_size: np.ndarray, degree: np.ndarray) -> np.ndarray:
    """Burt's efficiency ``ES_i / n_i`` (Burt 1992, ch. 2)."""
    return effective_size / degree


def _dyadic_constraint(strength: np.ndarray, sums: _TieSums) -> tuple[np.ndarray, np.ndarray]:
    """Burt's dyadic constraint of every tie in both directions,
    ``c_ij = (p_ij + Σ_q p_iq p_qj)² = ((w_ij + Y_ij) / s_i)²`` and
    ``c_ji = ((w_ij + Y_ij) / s_j)²`` (Burt 1992, ch. 2)."""
    return (sums.v / strength[sums.i]) ** 2, (sums.v / strength[sums.j]) ** 2


def _aggregate_constraint(n: int, sums: _TieSums, c_ij: np.ndarray, c_ji: np.ndarray) -> np.ndarray:
    """Burt's aggregate constraint ``C_i = Σ_{j∈N(i)} c_ij`` (Burt 1992, p. 55)."""
    return _per_node(n, sums, c_ij, c_ji)


def _hierarchy(
    degree: np.ndarray,
    constraint: np.ndarray,
    sums: _TieSums,
    c_ij: np.ndarray,
    c_ji: np.ndarray,
) -> np.ndarray:
    """Burt's hierarchy, the Coleman–Theil disorder index of the dyadic constraints:
    ``H_i = Σ_j r_ij ln r_ij / (N ln N)``, ``r_ij = c_ij / c̄``, ``c̄ = C_i / N``, ``N = n_i``
    (Burt 1992, ch. 2). NaN where ``N ln N = 0`` (degree 0 or 1)."""
    mean = constraint / degree
    r_ij = c_ij / mean[sums.i]
    r_ji = c_ji / mean[sums.j]
    total = _per_node(degree.size, sums, r_ij * np.log(r_ij), r_ji * np.log(r_ji))
    return total / (degree * np.log(degree))


def _per_node(n: int, sums: _TieSums, at_i: np.ndarray, at_j: np.ndarray) -> np.ndarray:
    """``Σ_j f(i, j)`` over the contacts of every node, with each tie {i, j} (stored once)
    giving ``at_i`` to i and ``at_j`` to j."""
    total = np.bincount(sums.i, at_i, n) + np.bincount(sums.j, at_j, n)
    return total.astype(np.float64, copy=False)  # bincount of nothing is int


# --- the masked product through SuiteSparse:GraphBLAS ----------------------------------------


def _graphblas() -> tuple[Any, Any]:
    """The cffi ``ffi`` and ``lib`` of suitesparse-graphblas, initialised once per process
    (non-blocking, NumPy's allocator — the same settings python-graphblas uses)."""
    import suitesparse_graphblas as ssgb

    if not ssgb.is_initialized():
        ssgb.initialize()
    return ssgb.ffi, ssgb.lib


class _GraphBLASError(RuntimeError):
    """A GraphBLAS call did not return GrB_SUCCESS."""


@contextmanager
def _graphblas_session() -> Iterator[tuple[Any, Any, Callable[..., None], Callable[..., Any]]]:
    """``ffi, lib, check, new_matrix``; every matrix made by ``new_matrix`` is freed on exit."""
    ffi, lib = _graphblas()
    owned: list[Any] = []

    def check(info: int) -> None:
        if info != lib.GrB_SUCCESS:
            raise _GraphBLASError(f"GraphBLAS call failed with GrB_Info {info}")

    def new_matrix() -> Any:
        handle = ffi.new("GrB_Matrix*")
        owned.append(handle)
        return handle

    try:
        yield ffi, lib, check, new_matrix
    finally:
        for handle in owned:
            if handle[0] != ffi.NULL:
                lib.GrB_Matrix_free(handle)


def _free(lib: Any, handle: Any) -> None:
    """Free one matrix early (to keep the peak memory down); the session skips it later."""
    lib.GrB_Matrix_free(handle)


def _triangle_sums_graphblas(upper: sparse.csr_array, strength: np.ndarray) -> _TieSums:
    """The masked complex product ``Z<U> = iκ·U + B·Bᵀ``, ``B = W·diag(sqrt(1 + iκ/s))``, in
    SuiteSparse:GraphBLAS; ``Re Z = X`` and ``Im Z / κ = w + Y`` on every tie (module docstring).
    """
    n = upper.shape[0]
    if upper.nnz == 0:
        return _no_ties()
    kappa = float(strength[strength > 0].min())
    z = np.sqrt(1.0 + 1j * kappa / np.where(strength > 0, strength, 1.0))
    with _graphblas_session() as (ffi, lib, check, new_matrix):

        def index_buffer(array: np.ndarray) -> Any:
            return ffi.from_buffer("GrB_Index[]", np.ascontiguousarray(array, dtype=np.uint64))

        mask = new_matrix()
        check(
            lib.GrB_Matrix_import_FP64(
                mask,
                lib.GrB_FP64,
                n,
                n,
                index_buffer(upper.indptr),
                index_buffer(upper.indices),
                ffi.from_buffer("double[]", np.ascontiguousarray(upper.data, np.float64)),
                n + 1,
                upper.nnz,
                upper.nnz,
                lib.GrB_CSR_FORMAT,
            )
        )
        product = new_matrix()
        check(lib.GrB_Matrix_new(product, lib.GxB_FC64, n, n))
        check(
            lib.GxB_Matrix_apply_BinaryOp1st_FC64(
                product[0], ffi.NULL, ffi.NULL, lib.GxB_TIMES_FC64, 1j * kappa, mask[0], ffi.NULL
            )
        )
        full = new_matrix()
        check(lib.GrB_Matrix_new(full, lib.GrB_FP64, n, n))
        check(
            lib.GrB_Matrix_eWiseAdd_BinaryOp(
                full[0], ffi.NULL, ffi.NULL, lib.GrB_PLUS_FP64, mask[0], mask[0], lib.GrB_DESC_T1
            )
        )
        scaled = _column_scaled(ffi, lib, check, new_matrix, full, z)
        _free(lib, full)
        check(
            lib.GrB_mxm(
                product[0],
                mask[0],
                lib.GxB_PLUS_FC64,
                lib.GxB_PLUS_TIMES_FC64,
                scaled[0],
                scaled[0],
                lib.GrB_DESC_ST1,
            )
        )
        _free(lib, scaled)
        _free(lib, mask)
        i, j, values = _extract_tuples(ffi, lib, check, product)
    return _TieSums(i, j, values.real.copy(), values.imag / kappa)


def _column_scaled(
    ffi: Any, lib: Any, check: Callable[..., None], new_matrix: Callable[..., Any], full: Any, z
) -> Any:
    """``B = W·diag(z)`` as a complex GraphBLAS matrix."""
    n = z.size
    vector = ffi.new("GrB_Vector*")
    check(lib.GrB_Vector_new(vector, lib.GxB_FC64, n))
    try:
        check(
            lib.GxB_Vector_build_FC64(
                vector[0],
                ffi.from_buffer("GrB_Index[]", np.arange(n, dtype=np.uint64)),
                ffi.from_buffer("GxB_FC64_t[]", np.ascontiguousarray(z, np.complex128)),
                n,
                ffi.NULL,
            )
        )
        diagonal = new_matrix()
        check(lib.GrB_Matrix_diag(diagonal, vector[0], 0))
    finally:
        lib.GrB_Vector_free(vector)
    scaled = new_matrix()
    check(lib.GrB_Matrix_new(scaled, lib.GxB_FC64, n, n))
    check(
        lib.GrB_mxm(
            scaled[0], ffi.NULL, ffi.NULL, lib.GxB_PLUS_TIMES_FC64, full[0], diagonal[0], ffi.NULL
        )
    )
    _free(lib, diagonal)
    return scaled


def _extract_tuples(
    ffi: Any, lib: Any, check: Callable[..., None], matrix: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns (int64) and complex values of a GraphBLAS matrix."""
    count = ffi.new("GrB_Index*")
    check(lib.GrB_Matrix_nvals(count, matrix[0]))
    size = int(count[0])
    rows = np.empty(size, np.uint64)
    cols = np.empty(size, np.uint64)
    values = np.empty(size, np.complex128)
    check(
        lib.GxB_Matrix_extractTuples_FC64(
            ffi.from_buffer("GrB_Index[]", rows),
            ffi.from_buffer("GrB_Index[]", cols),
            ffi.from_buffer("GxB_FC64_t[]", values),
            count,
            matrix[0],
        )
    )
    return rows.view(np.int64), cols.view(np.int64), values


# --- the same product in SciPy (fallback, and an independent check in the tests) -------------


def _triangle_sums_scipy(upper: sparse.csr_array, strength: np.ndarray) -> _TieSums:
    """``Z<U> = i·U + W·R`` with ``R = diag(1 + i/s)·W``, so that ``Re Z = X`` and
    ``Im Z = w + Y`` on every tie, in row chunks of about ``SCIPY_WEDGES_PER_CHUNK`` wedges."""
    n = upper.shape[0]
    if upper.nnz == 0:
        return _no_ties()
    full = (upper + upper.T).tocsr()
    scale = 1.0 + 1j / np.where(strength > 0, strength, 1.0)
    right = sparse.csr_array(sparse.diags_array(scale) @ full)
    degree = np.diff(full.indptr)
    wedges = np.cumsum((full != 0).astype(np.int64) @ degree)
    bounds = np.searchsorted(
        wedges, np.arange(1, wedges[-1] // SCIPY_WEDGES_PER_CHUNK + 1) * (SCIPY_WEDGES_PER_CHUNK)
    )
    starts = np.unique(np.concatenate([[0], bounds, [n]]))
    parts = []
    for start, stop in itertools.pairwise(starts):
        block = upper[start:stop]
        product = (full[start:stop] @ right).multiply(block != 0)
        chunk = sparse.coo_array(block * 1j + product)
        parts.append((chunk.row.astype(np.int64) + start, chunk.col.astype(np.int64), chunk.data))
    i, j, values = (np.concatenate(column) for column in zip(*parts, strict=True))
    return _TieSums(i, j, values.real.copy(), values.imag.copy())


def _no_ties() -> _TieSums:
    empty = np.zeros(0, np.int64)
    return _TieSums(empty, empty, np.zeros(0), np.zeros(0))
