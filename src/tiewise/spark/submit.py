"""``tiewise measure --engine spark`` as a script for ``spark-submit``, which wants a ``.py`` file:

    spark-submit --master yarn --deploy-mode client \\
        --conf spark.executor.memory=8g --conf spark.sql.shuffle.partitions=2000 \\
        "$(python -c 'import tiewise.spark.submit as s; print(s.__file__)')" \\
        hdfs:///register/edges.parquet --layer layer --out hdfs:///register/nodes

The arguments are those of ``tiewise measure``; the master and every setting come from
``spark-submit`` (docs/scale.md).
"""

from __future__ import annotations

import sys


def main() -> None:
    from tiewise.cli import main as tiewise

    sys.argv = ["tiewise", "measure", *sys.argv[1:], "--engine", "spark"]
    tiewise()


if __name__ == "__main__":
    main()
