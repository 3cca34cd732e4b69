"""Pretrained models: the ``keras.applications`` registry, weights offline, ``classify``, photos and the chart."""
