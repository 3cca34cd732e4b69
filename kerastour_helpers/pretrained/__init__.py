"""Pretrained models: ``keras.applications`` facts, their weights offline, classify, and the applications chart.

* ``registry``: the published facts about every model, and the weights Keras Tour ships (data only);
* ``models``: look models up, install the shipped weights into Keras's cache, load with clear errors;
* ``predictions``: ``classify`` one photo (the application picker's engine);
* ``photos``: the two CC0 photos that ship with the book;
* ``charts``: accuracy against size and time, with your own measurement.
"""
