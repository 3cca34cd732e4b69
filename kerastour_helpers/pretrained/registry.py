"""Every ``keras.applications`` model as keras.io publishes it and the weights that ship."""

from collections import namedtuple

TABLE_SOURCE = ("keras.io, Keras Applications, 'Available models' table (keras-team/keras-io, "
                "templates/api/applications/index.md at commit e7be306b; the same figures as "
                "https://keras.io/api/applications/ in November 2026). Times: batch of 32, average "
                "of 30 batches and 10 repetitions; CPU: AMD EPYC (92 cores); GPU: NVIDIA A100.")

PREPROCESSING = {  # what each mode of preprocess_input does to the pixels
    "tf": "scales pixels from [0, 255] to [-1, 1]",
    "caffe": "RGB to BGR, then subtracts the ImageNet mean of each channel (no scaling)",
    "torch": "scales to [0, 1], then normalises each channel by the ImageNet mean and std",
    "in-model": "none: the model rescales [0, 255] pixels itself (preprocess_input does nothing)",
}

FAMILIES = {  # family: (module with preprocess_input (VGG19's: vgg19), its mode, paper year, arXiv)
    "Xception": ("xception", "tf", 2017, "1610.02357"),
    "VGG": ("vgg16", "caffe", 2015, "1409.1556"),
    "ResNet": ("resnet", "caffe", 2016, "1512.03385"),
    "ResNetV2": ("resnet_v2", "tf", 2016, "1603.05027"),
    "InceptionV3": ("inception_v3", "tf", 2016, "1512.00567"),
    "InceptionResNetV2": ("inception_resnet_v2", "tf", 2017, "1602.07261"),
    "MobileNet": ("mobilenet", "tf", 2017, "1704.04861"),
    "MobileNetV2": ("mobilenet_v2", "tf", 2018, "1801.04381"),
    "MobileNetV3": ("mobilenet_v3", "in-model", 2019, "1905.02244"),
    "DenseNet": ("densenet", "torch", 2017, "1608.06993"),
    "NASNet": ("nasnet", "tf", 2018, "1707.07012"),
    "EfficientNet": ("efficientnet", "in-model", 2019, "1905.11946"),
    "EfficientNetV2": ("efficientnet_v2", "in-model", 2021, "2104.00298"),
    "ConvNeXt": ("convnext", "in-model", 2022, "2201.03545"),
}

# A configuration whose real ImageNet weights ship (in data/<model>/): ``call`` makes Keras ask for
# ``keras_file`` (in models/); top1/top5: its own published accuracy, from ``source`` (or None).
ShippedWeights = namedtuple("ShippedWeights", "call kwargs keras_file top1 top5 source")


def _shipped(name: str, kwargs: dict, keras_file: str, top1=None, top5=None, source=None):
    return ShippedWeights(f"{name}({', '.join(f'{key}={value!r}' for key, value in kwargs.items())})", kwargs, keras_file,
                          top1, top5, source)


SLIM_TABLE = ("TF-slim's MobileNet v1 table in the TensorFlow Model Garden (tensorflow/models, research/slim/nets/"
              "mobilenet_v1.md): MobileNet_v1_0.25_128, 41.3 % top-1 and 66.2 % top-5 for the first checkpoints, of June 2017 "
              "(2018's: 41.5 % and 66.3 %); Keras's file (keras_version 2.0.4) does not say which it converts, and its "
              "Keras version fits the first; published, not measured here")
SHIPPED = {"MobileNet": (
    _shipped("MobileNet", {"alpha": 0.25, "input_shape": (128, 128, 3)}, "mobilenet_2_5_128_tf.h5", 0.413, 0.662, SLIM_TABLE),
    _shipped("MobileNet", {"alpha": 0.25, "include_top": False, "input_shape": (224, 224, 3)}, "mobilenet_2_5_224_tf_no_top.h5"),
)}

# The ImageNet class index, as Keras's decode_predictions fetches it: (shipped copy, name, md5).
CLASS_INDEX = ("imagenet/imagenet_class_index.json", "imagenet_class_index.json", "c2c37ea517e94d9795004a39431a14cb")

# One model's facts as published (None: not published): top1/top5 from 0 to 1, params_m in millions,
# cpu_ms/gpu_ms per batch of 32 (TABLE_SOURCE); ``module`` has preprocess_input; ``shipped``: above.
ApplicationInfo = namedtuple("ApplicationInfo", "name family module input_size size_mb top1 top5 params_m depth "
                             "cpu_ms gpu_ms preprocessing year paper preprocess_function shipped")

# name, family, input size, size MB, top-1 %, top-5 %, params (M), depth, CPU ms, GPU ms
_TABLE = [
    ("Xception", "Xception", 299, 88, 79.0, 94.5, 22.9, 81, 109.4, 8.1),
    ("VGG16", "VGG", 224, 528, 71.3, 90.1, 138.4, 16, 69.5, 4.2),
    ("VGG19", "VGG", 224, 549, 71.3, 90.0, 143.7, 19, 84.8, 4.4),
    ("ResNet50", "ResNet", 224, 98, 74.9, 92.1, 25.6, 107, 58.2, 4.6),
    ("ResNet50V2", "ResNetV2", 224, 98, 76.0, 93.0, 25.6, 103, 45.6, 4.4),
    ("ResNet101", "ResNet", 224, 171, 76.4, 92.8, 44.7, 209, 89.6, 5.2),
    ("ResNet101V2", "ResNetV2", 224, 171, 77.2, 93.8, 44.7, 205, 72.7, 5.4),
    ("ResNet152", "ResNet", 224, 232, 76.6, 93.1, 60.4, 311, 127.4, 6.5),
    ("ResNet152V2", "ResNetV2", 224, 232, 78.0, 94.2, 60.4, 307, 107.5, 6.6),
    ("InceptionV3", "InceptionV3", 299, 92, 77.9, 93.7, 23.9, 189, 42.2, 6.9),
    ("InceptionResNetV2", "InceptionResNetV2", 299, 215, 80.3, 95.3, 55.9, 449, 130.2, 10.0),
    ("MobileNet", "MobileNet", 224, 16, 70.4, 89.5, 4.3, 55, 22.6, 3.4),
    ("MobileNetV2", "MobileNetV2", 224, 14, 71.3, 90.1, 3.5, 105, 25.9, 3.8),
    ("DenseNet121", "DenseNet", 224, 33, 75.0, 92.3, 8.1, 242, 77.1, 5.4),
    ("DenseNet169", "DenseNet", 224, 57, 76.2, 93.2, 14.3, 338, 96.4, 6.3),
    ("DenseNet201", "DenseNet", 224, 80, 77.3, 93.6, 20.2, 402, 127.2, 6.7),
    ("NASNetMobile", "NASNet", 224, 23, 74.4, 91.9, 5.3, 389, 27.0, 6.7),
    ("NASNetLarge", "NASNet", 331, 343, 82.5, 96.0, 88.9, 533, 344.5, 20.0),
    ("EfficientNetB0", "EfficientNet", 224, 29, 77.1, 93.3, 5.3, 132, 46.0, 4.9),
    ("EfficientNetB1", "EfficientNet", 240, 31, 79.1, 94.4, 7.9, 186, 60.2, 5.6),
    ("EfficientNetB2", "EfficientNet", 260, 36, 80.1, 94.9, 9.2, 186, 80.8, 6.5),
    ("EfficientNetB3", "EfficientNet", 300, 48, 81.6, 95.7, 12.3, 210, 140.0, 8.8),
    ("EfficientNetB4", "EfficientNet", 380, 75, 82.9, 96.4, 19.5, 258, 308.3, 15.1),
    ("EfficientNetB5", "EfficientNet", 456, 118, 83.6, 96.7, 30.6, 312, 579.2, 25.3),
    ("EfficientNetB6", "EfficientNet", 528, 166, 84.0, 96.8, 43.3, 360, 958.1, 40.4),
    ("EfficientNetB7", "EfficientNet", 600, 256, 84.3, 97.0, 66.7, 438, 1578.9, 61.6),
    ("EfficientNetV2B0", "EfficientNetV2", 224, 29, 78.7, 94.3, 7.2, None, None, None),
    ("EfficientNetV2B1", "EfficientNetV2", 240, 34, 79.8, 95.0, 8.2, None, None, None),
    ("EfficientNetV2B2", "EfficientNetV2", 260, 42, 80.5, 95.1, 10.2, None, None, None),
    ("EfficientNetV2B3", "EfficientNetV2", 300, 59, 82.0, 95.8, 14.5, None, None, None),
    ("EfficientNetV2S", "EfficientNetV2", 384, 88, 83.9, 96.7, 21.6, None, None, None),
    ("EfficientNetV2M", "EfficientNetV2", 480, 220, 85.3, 97.4, 54.4, None, None, None),
    ("EfficientNetV2L", "EfficientNetV2", 480, 479, 85.7, 97.5, 119.0, None, None, None),
    # Not in keras.io's table: nothing published there, so every figure is None.
    *[(f"ConvNeXt{s}", "ConvNeXt", 224, *[None] * 7) for s in ("Tiny", "Small", "Base", "Large", "XLarge")],
    *[(f"MobileNetV3{s}", "MobileNetV3", 224, *[None] * 7) for s in ("Small", "Large")],
]


def _info(name, family, size, mb, top1, top5, *figures) -> ApplicationInfo:
    module, preprocessing, year, arxiv = FAMILIES[family]
    module, top1, top5 = "vgg19" if name == "VGG19" else module, top1 and round(top1 / 100, 3), top5 and round(top5 / 100, 3)
    return ApplicationInfo(name, family, module, size, mb, top1, top5, *figures, preprocessing,
                           year, f"https://arxiv.org/abs/{arxiv}",
                           f"keras.applications.{module}.preprocess_input", SHIPPED.get(name, ()))


APPLICATIONS = {row[0]: _info(*row) for row in _TABLE}
