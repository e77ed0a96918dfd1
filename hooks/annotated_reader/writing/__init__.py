"""Writing HTML safely: escaping, sanitizing, elements and drawings' shapes, and the Markdown annotator."""
