"""Figure plumbing: drawing models, heat maps over photos, stacks of feature maps, TensorBoard's scalars.

What a figure *shows* is computed on the page, in Keras; these functions only lay it out.
"""
