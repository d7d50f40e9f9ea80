r"""Reading SQL dump files (mysqldump/MariaDB, pg_dump plain format) in a few megabytes at a time.

One module per job: ``window`` (the moving view on the file), ``grammar`` (the dialects' regular
expressions), ``statements`` (telling statements apart), ``extended`` (mysqldump's extended INSERTs, read by
Arrow's CSV reader once their shape is checked), ``inserts`` (the tuples of any other ``INSERT ... VALUES``),
``copy_block`` (pg_dump's ``COPY ... FROM stdin`` lines), ``escapes`` (undoing each dialect's escapes, per
value and on whole Arrow columns) and ``ddl`` (names and ``CREATE TABLE`` columns). ``sources.files.sqldump``
turns what they read into the export's tables.
"""
