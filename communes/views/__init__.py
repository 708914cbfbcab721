"""Commune pages: the directory, a commune's scorecard and its data entry."""
