"""The analysts' surface: inspect, display widths for CJK text, the plots' CJK font."""
