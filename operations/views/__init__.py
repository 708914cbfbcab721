"""The office's pages: documents, inspections and requests, calendar, plans, reviews, Word templates."""
