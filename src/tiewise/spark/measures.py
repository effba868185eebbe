"""The per-node measures as Spark DataFrame operations: a weighted triangle listing on a
degree-ordered orientation, with salted joins for the nodes that would make one task too big.

Same definitions and conventions as the in-process engine (``analysis/burt.py`` and
``analysis/layers.py``): ``w_ij`` is the mutual weight (rows of a pair summed, either direction;
1 per pair when unweighted and undirected; 1 per direction when unweighted and directed);
self-loops are ignored; a pair whose weight sums to 0 is no tie; isolates get degree 0, weighted
degree 0 and no other value (null); hierarchy is null at degree 1.

Plan (docs/scale.md gives the costs):

1. **Node keys.** Each id gets ``xxhash64(id)`` as a 64-bit key, so no join with a dictionary
   is needed; one aggregation over the distinct ids checks that no two ids share a key (for
   17 million ids the chance is about 1 in 100,000), and if two do, every id is numbered
   instead (``monotonically_increasing_id``, kept by a checkpoint) and the rows get their
   numbers by two joins.
2. **Ties.** Rows grouped by the unordered pair {lo, hi} (with a layer column: first by pair
   and layer): ``w`` as above; ties with ``w > 0`` kept: the tie table T, each tie once.
3. **Node totals.** T seen from both ends, grouped by node: degree ``n_i``, strength ``s_i``,
   largest weight ``max_k w_ik``; joined back to both ends of every tie.
4. **Orientation.** Each tie points from the end of lower rank to the end of higher rank, rank
   = (degree, key): the oriented graph O. Every node's out-degree is at most about
   ``sqrt(2m)`` (Chiba & Nishizeki 1985, *SIAM J. Comput.* 14), so the wedges below number
   ``Σ_a d⁺(a)²/2`` instead of ``Σ_a d(a)²/2``: a member of a workplace of 20,000 colleagues has
   few out-neighbours unless all colleagues rank above it.
5. **Wedges.** O joined with itself on the tail a: pairs (b, c) of out-neighbours of a with
   rank b < rank c. The wedges of one node come out of one task unless salted: a node whose
   wedges exceed ``wedges_per_task`` splits its out-list into ``S(a) = ⌈wedges/budget⌉``
   buckets by ``hash(b) mod S(a)`` on one side and repeats each row of the other side once
   per bucket, so the pair (b, c) is made once, in the task of b's bucket.
6. **Triangles.** Wedges joined with O on (b, c): each triangle {a, b, c} is listed once, at
   its lowest-ranked node, and gives three terms of the weighted triangle sums
   ``X_ij = Σ_q w_iq w_qj`` and ``Y_ij = Σ_q w_iq w_qj / s_q``: to tie (b, c) with q = a,
   to (a, b) with q = c, to (a, c) with q = b; grouped by tie (partial sums map-side).
7. **Per tie, per node.** With ``v = w_ij + Y_ij``: ``c_ij = (v/s_i)²``, ``c_ji = (v/s_j)²``,
   the redundancy ``X_ij / max_k w_jk`` at i and ``X_ij / max_k w_ik`` at j; per node
   ``R_i = Σ_j redundancy``, ``C_i = Σ_j c_ij``, ``L_i = Σ_j c_ij ln c_ij``. Then
   ``ES_i = n_i − R_i / s_i``, efficiency ``ES_i / n_i``, constraint ``C_i`` and hierarchy
   ``(L_i/C_i − ln(C_i/n_i)) / ln n_i`` — Burt's ``Σ_j r_ij ln r_ij / (n_i ln n_i)`` with
   ``r_ij = c_ij n_i / C_i`` rewritten so that one pass over the ties suffices.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame

#: Wedges (pairs of out-neighbours) one task may make before a node's wedge join is salted.
WEDGES_PER_TASK = 4_000_000


def node_keys(
    rows: DataFrame, hash_function: Callable[[Column], Column] | None = None
) -> tuple[DataFrame, DataFrame]:
    """``(rows with ka and kb, nodes)``: each id's 64-bit key (step 1), and the table of all
    ids with their keys, isolates included."""
    from pyspark.sql import functions as F

    hashed = hash_function or F.xxhash64
    ids = rows.select(F.col("src").alias("id")).union(rows.select(F.col("dst").alias("id")))
    nodes = ids.distinct().withColumn("key", hashed(F.col("id"))).localCheckpoint()
    clash = nodes.groupBy("key").count().where(F.col("count") > 1).limit(1).collect()
    if not clash:
        keyed = rows.withColumn("ka", hashed(F.col("src"))).withColumn("kb", hashed(F.col("dst")))
        return keyed, nodes
    numbered = (
        nodes.select("id").withColumn("key", F.monotonically_increasing_id()).localCheckpoint()
    )
    keyed = rows.join(numbered.withColumnsRenamed({"id": "src", "key": "ka"}), "src").join(
        numbered.withColumnsRenamed({"id": "dst", "key": "kb"}), "dst"
    )
    return keyed, numbered


def tie_tables(
    keyed: DataFrame, *, weighted: bool, directed: bool, layered: bool
) -> tuple[DataFrame, DataFrame | None]:
    """``(T, layer ties)``: every tie once as (lo, hi, w) with w > 0 (step 2), and with
    ``layered`` every (lo, hi, layer) with positive weight in its layer."""
    from pyspark.sql import functions as F

    pairs = keyed.where(F.col("ka") != F.col("kb")).select(
        F.least("ka", "kb").alias("lo"),
        F.greatest("ka", "kb").alias("hi"),
        "w",
        (F.col("ka") < F.col("kb")).cast("int").alias("forward"),
        (F.col("ka") > F.col("kb")).cast("int").alias("backward"),
        *(["layer"] if layered else []),
    )
    layer_ties = None
    if layered:
        pairs = pairs.groupBy("lo", "hi", "layer").agg(
            F.sum("w").alias("w"),
            F.max("forward").alias("forward"),
            F.max("backward").alias("backward"),
        )
        layer_ties = pairs.where(F.col("w") > 0).select("lo", "hi", "layer")
    summed = pairs.groupBy("lo", "hi").agg(
        F.sum("w").alias("w"),
        F.max("forward").alias("forward"),
        F.max("backward").alias("backward"),
    )
    if weighted:
        weight = F.col("w")
    elif directed:
        weight = (F.col("forward") + F.col("backward")).cast("double")
    else:
        weight = F.lit(1.0)
    ties = summed.select("lo", "hi", weight.alias("w")).where(F.col("w") > 0)
    return ties, layer_ties


def _ends(ties: DataFrame, *values: str) -> DataFrame:
    """Each tie seen from both ends: ``node``, ``other`` and ``values``."""
    from pyspark.sql import functions as F

    return ties.select(F.col("lo").alias("node"), F.col("hi").alias("other"), *values).union(
        ties.select(F.col("hi").alias("node"), F.col("lo").alias("other"), *values)
    )


def node_totals(ties: DataFrame) -> DataFrame:
    """Per node with a tie: ``degree``, ``strength`` and ``largest`` weight (step 3)."""
    from pyspark.sql import functions as F

    return (
        _ends(ties, "w")
        .groupBy("node")
        .agg(
            F.count("*").alias("degree"),
            F.sum("w").alias("strength"),
            F.max("w").alias("largest"),
        )
    )


def oriented(ties: DataFrame, totals: DataFrame) -> DataFrame:
    """The degree-ordered orientation (step 4): ``u → v`` with rank u < rank v, rank =
    (degree, key), with the weight and both ends' degree, strength and largest weight."""
    from pyspark.sql import functions as F

    def end(name: str) -> DataFrame:
        return totals.select(
            F.col("node").alias(name),
            F.col("degree").alias(f"d_{name}"),
            F.col("strength").alias(f"s_{name}"),
            F.col("largest").alias(f"m_{name}"),
        )

    both = ties.join(end("lo"), "lo").join(end("hi"), "hi")
    lo_first = (F.col("d_lo") < F.col("d_hi")) | (
        (F.col("d_lo") == F.col("d_hi")) & (F.col("lo") < F.col("hi"))
    )

    def pick(first: str, second: str) -> Column:
        return F.when(lo_first, F.col(first)).otherwise(F.col(second))

    return both.select(
        pick("lo", "hi").alias("u"),
        pick("hi", "lo").alias("v"),
        "w",
        *(pick(f"{kind}_lo", f"{kind}_hi").alias(f"{kind}_u") for kind in ("d", "s", "m")),
        *(pick(f"{kind}_hi", f"{kind}_lo").alias(f"{kind}_v") for kind in ("d", "s", "m")),
    )


def triangle_sums(
    arcs: DataFrame, wedges_per_task: int = WEDGES_PER_TASK, passes: int = 1
) -> DataFrame:
    """``(u, v, x, y)`` for every tie on a triangle: ``x = X_uv``, ``y = Y_uv`` (steps 5–6);
    ties on no triangle are left out (their sums are 0).

    With ``passes`` > 1 the wedge centres are split by ``hash(a) mod passes`` and each part's
    wedges are made, closed and summed on their own (kept by a checkpoint), so that the
    shuffle of one pass is about 1/passes of all wedges; the parts' sums are added at the end.
    """
    from pyspark.sql import functions as F

    if passes > 1:
        parts = [
            _triangle_sums_of(
                arcs.where(F.pmod(F.xxhash64("u"), F.lit(passes)) == part), arcs, wedges_per_task
            ).localCheckpoint()
            for part in range(passes)
        ]
        union = parts[0]
        for part in parts[1:]:
            union = union.union(part)
        return union.groupBy("u", "v").agg(F.sum("x").alias("x"), F.sum("y").alias("y"))
    return _triangle_sums_of(arcs, arcs, wedges_per_task)


def _triangle_sums_of(centres: DataFrame, arcs: DataFrame, wedges_per_task: int) -> DataFrame:
    """The triangle sums of the wedges whose centre (tail a) has its out-arcs in
    ``centres``, closed by ``arcs``."""
    from pyspark.sql import functions as F

    out_degree = centres.groupBy("u").agg(F.count("*").alias("out"))
    buckets = out_degree.select(
        F.col("u").alias("a"),
        F.greatest(
            F.lit(1),
            F.least(
                F.col("out"),
                F.ceil(F.col("out") * (F.col("out") - 1) / 2 / F.lit(wedges_per_task)),
            ),
        )
        .cast("int")
        .alias("buckets"),
    ).where(F.col("buckets") > 1)
    left = (
        centres.select(
            F.col("u").alias("a"),
            F.col("v").alias("b"),
            F.col("w").alias("w_ab"),
            F.col("s_u").alias("s_a"),
            F.col("d_v").alias("d_b"),
            F.col("s_v").alias("s_b"),
        )
        .join(F.broadcast(buckets), "a", "left")
        .withColumn(
            "bucket",
            F.when(F.col("buckets").isNull(), F.lit(0)).otherwise(
                F.pmod(F.xxhash64("b"), F.col("buckets")).cast("int")
            ),
        )
        .drop("buckets")
    )
    right = (
        centres.select(
            F.col("u").alias("a"),
            F.col("v").alias("c"),
            F.col("w").alias("w_ac"),
            F.col("d_v").alias("d_c"),
            F.col("s_v").alias("s_c"),
        )
        .join(F.broadcast(buckets), "a", "left")
        .withColumn(
            "bucket",
            F.explode(
                F.when(F.col("buckets").isNull(), F.array(F.lit(0))).otherwise(
                    F.sequence(F.lit(0), F.col("buckets") - 1)
                )
            ),
        )
        .drop("buckets")
    )
    b_before_c = (F.col("d_b") < F.col("d_c")) | (
        (F.col("d_b") == F.col("d_c")) & (F.col("b") < F.col("c"))
    )
    wedges = left.join(right, ["a", "bucket"]).where(b_before_c)
    closing = arcs.select(F.col("u").alias("b"), F.col("v").alias("c"), F.col("w").alias("w_bc"))
    triangles = wedges.join(closing, ["b", "c"])
    ab_ac = F.col("w_ab") * F.col("w_ac")
    ac_bc = F.col("w_ac") * F.col("w_bc")
    ab_bc = F.col("w_ab") * F.col("w_bc")
    terms = triangles.select(
        F.explode(
            F.array(
                F.struct(
                    F.col("b").alias("u"),
                    F.col("c").alias("v"),
                    ab_ac.alias("x"),
                    F.try_divide(ab_ac, F.col("s_a")).alias("y"),
                ),
                F.struct(
                    F.col("a").alias("u"),
                    F.col("b").alias("v"),
                    ac_bc.alias("x"),
                    F.try_divide(ac_bc, F.col("s_c")).alias("y"),
                ),
                F.struct(
                    F.col("a").alias("u"),
                    F.col("c").alias("v"),
                    ab_bc.alias("x"),
                    F.try_divide(ab_bc, F.col("s_b")).alias("y"),
                ),
            )
        ).alias("term")
    ).select("term.*")
    return terms.groupBy("u", "v").agg(F.sum("x").alias("x"), F.sum("y").alias("y"))


def burt_nodes(arcs: DataFrame, sums: DataFrame) -> DataFrame:
    """Per node with a tie: ``degree``, ``weighted_degree``, ``effective_size``,
    ``efficiency``, ``constraint``, ``hierarchy`` (step 7)."""
    from pyspark.sql import functions as F

    per_tie = arcs.join(sums, ["u", "v"], "left").select(
        "u",
        "v",
        F.coalesce("x", F.lit(0.0)).alias("x"),
        (F.col("w") + F.coalesce("y", F.lit(0.0))).alias("value"),
        "s_u",
        "s_v",
        "m_u",
        "m_v",
        "d_u",
        "d_v",
    )
    c_uv = F.try_divide(F.col("value"), F.col("s_u")) ** 2
    c_vu = F.try_divide(F.col("value"), F.col("s_v")) ** 2
    ends = per_tie.select(
        F.col("u").alias("node"),
        F.try_divide(F.col("x"), F.col("m_v")).alias("redundancy"),
        c_uv.alias("c"),
        F.col("d_u").alias("degree"),
        F.col("s_u").alias("strength"),
    ).union(
        per_tie.select(
            F.col("v").alias("node"),
            F.try_divide(F.col("x"), F.col("m_u")).alias("redundancy"),
            c_vu.alias("c"),
            F.col("d_v").alias("degree"),
            F.col("s_v").alias("strength"),
        )
    )
    grouped = ends.groupBy("node").agg(
        F.first("degree").alias("degree"),
        F.first("strength").alias("weighted_degree"),
        F.sum("redundancy").alias("redundancy"),
        F.sum("c").alias("constraint"),
        F.sum(F.col("c") * F.log(F.col("c"))).alias("c_log_c"),
    )
    n = F.col("degree").cast("double")
    effective = n - F.try_divide(F.col("redundancy"), F.col("weighted_degree"))
    hierarchy = F.when(
        F.col("degree") > 1,
        F.try_divide(
            F.try_divide(F.col("c_log_c"), F.col("constraint"))
            - F.log(F.try_divide(F.col("constraint"), n)),
            F.log(n),
        ),
    )
    return grouped.select(
        "node",
        F.col("degree").cast("long").alias("degree"),
        "weighted_degree",
        effective.alias("effective_size"),
        F.try_divide(effective, n).alias("efficiency"),
        "constraint",
        hierarchy.alias("hierarchy"),
    )


def layer_nodes(layer_ties: DataFrame, names: list[str]) -> DataFrame:
    """Per node with a tie: ``layers``, ``layer_ties``, ``multiplex_ties``, ``layer_blau`` and
    ``ties:ℓ``, ``share:ℓ`` for every layer in ``names`` (``analysis/layers.py``)."""
    from pyspark.sql import functions as F

    per_pair = layer_ties.groupBy("lo", "hi").agg(F.count("*").alias("shared"))
    multiplex = (
        _ends(per_pair.where(F.col("shared") >= 2), "shared")
        .groupBy("node")
        .agg(F.count("*").alias("multiplex_ties"))
    )
    tagged = _ends(layer_ties, "layer").withColumn(
        "layer", F.concat(F.lit("layer:"), F.col("layer"))
    )  # a layer named like another column ("node") cannot clash with it
    per_layer = tagged.groupBy("node").pivot("layer", [f"layer:{n}" for n in names]).count()
    counts = [F.coalesce(F.col(_q(f"layer:{name}")), F.lit(0)).cast("long") for name in names]
    total = sum(counts[1:], counts[0]) if counts else F.lit(0).cast("long")
    squares = [c * c for c in counts]
    sum_squares = sum(squares[1:], squares[0]) if squares else F.lit(0)
    layered = per_layer.select(
        "node",
        *(count.alias(f"ties:{name}") for count, name in zip(counts, names, strict=True)),
        total.alias("layer_ties"),
        sum((F.when(c > 0, 1).otherwise(0) for c in counts), F.lit(0)).cast("long").alias("layers"),
        (F.lit(1.0) - F.try_divide(sum_squares.cast("double"), total.cast("double") ** 2)).alias(
            "layer_blau"
        ),
        *(
            F.try_divide(count.cast("double"), total.cast("double")).alias(f"share:{name}")
            for count, name in zip(counts, names, strict=True)
        ),
    )
    return layered.join(multiplex, "node", "left").withColumn(
        "multiplex_ties", F.coalesce("multiplex_ties", F.lit(0)).cast("long")
    )


def _q(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"
