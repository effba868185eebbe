"""The Apache Spark engine of ``tiewise measure`` (``--engine spark``): the per-node measures of
``analysis/node_table.py`` — degree, weighted degree, Burt's effective size, efficiency,
constraint and hierarchy, and with a layer column the layer measures — for edge lists too large
for one machine, in local mode or on a cluster (standalone, YARN, Kubernetes).

- ``session.py``: the master URL, checked before anything starts, and the SparkSession;
- ``reading.py``: CSV or Parquet edge lists, their columns and rows checked before work starts;
- ``measures.py``: the measures as DataFrame operations (the triangle listing);
- ``engine.py``: one run end to end, writing Parquet (or CSV).

The formulas and every convention are those of the in-process engine (``analysis/burt.py``,
``analysis/layers.py``); a shared test suite holds both engines to the same numbers.
pyspark is an optional dependency (``pip install 'tiewise[spark]'``) and needs a Java runtime;
nothing here is imported unless the Spark engine is asked for.
"""
