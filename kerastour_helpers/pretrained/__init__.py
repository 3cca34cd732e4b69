"""Pretrained ``keras.applications``: registry, weights offline, ``classify``, photos and chart."""
