"""Figure plumbing: what a figure shows is computed on the page, in Keras; these functions lay it out."""
