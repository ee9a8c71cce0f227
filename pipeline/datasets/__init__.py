"""Dataset rows, their schemas and the writers (Parquet, CSV, workbook, data dictionary)."""
