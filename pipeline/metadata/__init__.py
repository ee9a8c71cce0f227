"""Notice metadata read from the document model: GB/T 9704 elements, 发文字号 and citations."""
