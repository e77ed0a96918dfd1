"""The site's pages: each kind of page, what is written for it, and the files made from the whole corpus."""
