"""Reading the input: seed files and their sidecars into articles, entity pages into the catalog, all validated."""
