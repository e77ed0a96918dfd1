"""Matching names to entities: the linker, the corpus's one mention index, and the work spread over the cores."""
