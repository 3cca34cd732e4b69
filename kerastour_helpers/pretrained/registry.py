"""The one table of facts about every model in ``keras.applications`` (data only).

Published figures come from keras.io's *Available models* table (see
``TABLE_SOURCE``): size in MB, ImageNet top-1 and top-5 accuracy, parameters,
depth, and the time per inference step of a batch of 32 on a 92-core AMD EPYC
CPU and on an NVIDIA A100 GPU. ``None`` marks a figure that table does not give
(it has no rows for ConvNeXt and MobileNetV3, and no depth or times for
EfficientNetV2). Nothing here is measured by Keras Tour.

``SHIPPED`` lists the configurations whose real ImageNet weights ship with Keras
Tour (MobileNet v1 with ``alpha=0.25``), each with its own published accuracy,
which is far below the default model's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TABLE_SOURCE = (
    "keras.io, Keras Applications, 'Available models' table "
    "(keras-team/keras-io, templates/api/applications/index.md at commit e7be306b; the same "
    "figures as https://keras.io/api/applications/ in November 2026). Times: batch of 32, "
    "average of 30 batches and 10 repetitions; CPU: AMD EPYC (92 cores); GPU: NVIDIA A100."
)
TABLE_URL = "https://keras.io/api/applications/"


@dataclass(frozen=True)
class Paper:
    title: str
    authors: str
    venue: str
    year: int
    url: str


PAPERS = {
    "Xception": Paper("Xception: Deep Learning with Depthwise Separable Convolutions", "F. Chollet",
                      "CVPR", 2017, "https://arxiv.org/abs/1610.02357"),
    "VGG": Paper("Very Deep Convolutional Networks for Large-Scale Image Recognition",
                 "K. Simonyan, A. Zisserman", "ICLR", 2015, "https://arxiv.org/abs/1409.1556"),
    "ResNet": Paper("Deep Residual Learning for Image Recognition", "K. He, X. Zhang, S. Ren, J. Sun",
                    "CVPR", 2016, "https://arxiv.org/abs/1512.03385"),
    "ResNetV2": Paper("Identity Mappings in Deep Residual Networks", "K. He, X. Zhang, S. Ren, J. Sun",
                      "ECCV", 2016, "https://arxiv.org/abs/1603.05027"),
    "InceptionV3": Paper("Rethinking the Inception Architecture for Computer Vision", "C. Szegedy et al.",
                         "CVPR", 2016, "https://arxiv.org/abs/1512.00567"),
    "InceptionResNetV2": Paper("Inception-v4, Inception-ResNet and the Impact of Residual Connections on Learning",
                               "C. Szegedy, S. Ioffe, V. Vanhoucke, A. Alemi", "AAAI", 2017,
                               "https://arxiv.org/abs/1602.07261"),
    "MobileNet": Paper("MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications",
                       "A. G. Howard et al.", "arXiv", 2017, "https://arxiv.org/abs/1704.04861"),
    "MobileNetV2": Paper("MobileNetV2: Inverted Residuals and Linear Bottlenecks", "M. Sandler et al.",
                         "CVPR", 2018, "https://arxiv.org/abs/1801.04381"),
    "MobileNetV3": Paper("Searching for MobileNetV3", "A. Howard et al.", "ICCV", 2019,
                         "https://arxiv.org/abs/1905.02244"),
    "DenseNet": Paper("Densely Connected Convolutional Networks", "G. Huang, Z. Liu, L. van der Maaten, "
                      "K. Q. Weinberger", "CVPR", 2017, "https://arxiv.org/abs/1608.06993"),
    "NASNet": Paper("Learning Transferable Architectures for Scalable Image Recognition",
                    "B. Zoph, V. Vasudevan, J. Shlens, Q. V. Le", "CVPR", 2018, "https://arxiv.org/abs/1707.07012"),
    "EfficientNet": Paper("EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks",
                          "M. Tan, Q. V. Le", "ICML", 2019, "https://arxiv.org/abs/1905.11946"),
    "EfficientNetV2": Paper("EfficientNetV2: Smaller Models and Faster Training", "M. Tan, Q. V. Le",
                            "ICML", 2021, "https://arxiv.org/abs/2104.00298"),
    "ConvNeXt": Paper("A ConvNet for the 2020s", "Z. Liu et al.", "CVPR", 2022, "https://arxiv.org/abs/2201.03545"),
}

# How each family wants its pixels (the family's ``preprocess_input``):
PREPROCESSING = {
    "tf": "scales pixels from [0, 255] to [-1, 1]",
    "caffe": "RGB to BGR, then subtracts the ImageNet mean of each channel (no scaling)",
    "torch": "scales to [0, 1], then normalises each channel by the ImageNet mean and std",
    "in-model": "none needed: the model rescales [0, 255] pixels itself (preprocess_input passes them through)",
}

# family: (keras.applications module, preprocessing mode, one of the ten families of the source article?)
FAMILIES = {
    "Xception": ("xception", "tf", True),
    "VGG": ("vgg16", "caffe", True),  # VGG19 uses the vgg19 module, set per model below
    "ResNet": ("resnet", "caffe", True),
    "ResNetV2": ("resnet_v2", "tf", False),
    "InceptionV3": ("inception_v3", "tf", True),
    "InceptionResNetV2": ("inception_resnet_v2", "tf", True),
    "MobileNet": ("mobilenet", "tf", True),
    "MobileNetV2": ("mobilenet_v2", "tf", True),
    "MobileNetV3": ("mobilenet_v3", "in-model", False),
    "DenseNet": ("densenet", "torch", True),
    "NASNet": ("nasnet", "tf", True),
    "EfficientNet": ("efficientnet", "in-model", False),
    "EfficientNetV2": ("efficientnet_v2", "in-model", False),
    "ConvNeXt": ("convnext", "in-model", False),
}


@dataclass(frozen=True)
class ApplicationInfo:
    """Facts about one ``keras.applications`` model; figures as published (``None``: not published)."""

    name: str  # the constructor in keras.applications
    family: str
    module: str  # keras.applications.<module> holds preprocess_input and decode_predictions
    input_size: int  # default height = width, in pixels
    size_mb: float | None
    top1: float | None  # ImageNet validation accuracy, 0-1
    top5: float | None
    params_m: float | None  # millions of parameters (with the classifier)
    depth: int | None
    cpu_ms: float | None  # ms per inference step, batch 32 (see TABLE_SOURCE)
    gpu_ms: float | None
    preprocessing: str  # a key of PREPROCESSING
    in_source_article: bool  # one of the ten families the book's source article lists
    paper: Paper
    shipped: tuple = field(default=(), compare=False)  # ShippedWeights: configurations that work offline

    @property
    def shipped_weights(self) -> dict:
        """Keras's file name -> the file shipped in ``kerastour_helpers/data``."""
        return {entry.keras_file: entry.data_file for entry in self.shipped}

    @property
    def offline_kwargs(self) -> dict:
        """Constructor arguments of a configuration with a classifier whose weights ship (``{}``: none)."""
        return next((dict(e.kwargs) for e in self.shipped if e.kwargs.get("include_top", True)), {})

    @property
    def constructor(self) -> str:
        return f"keras.applications.{self.name}"

    @property
    def preprocess_function(self) -> str:
        return f"keras.applications.{self.module}.preprocess_input"

    @property
    def year(self) -> int:
        return self.paper.year


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
    ("ConvNeXtTiny", "ConvNeXt", 224, None, None, None, None, None, None, None),
    ("ConvNeXtSmall", "ConvNeXt", 224, None, None, None, None, None, None, None),
    ("ConvNeXtBase", "ConvNeXt", 224, None, None, None, None, None, None, None),
    ("ConvNeXtLarge", "ConvNeXt", 224, None, None, None, None, None, None, None),
    ("ConvNeXtXLarge", "ConvNeXt", 224, None, None, None, None, None, None, None),
    ("MobileNetV3Small", "MobileNetV3", 224, None, None, None, None, None, None, None),
    ("MobileNetV3Large", "MobileNetV3", 224, None, None, None, None, None, None, None),
]

SLIM_TABLE = (
    "TF-slim's MobileNet v1 table in the TensorFlow Model Garden (tensorflow/models, "
    "research/slim/nets/mobilenet_v1.md): MobileNet_v1_0.25_128, 41.5 % top-1 and 66.3 % top-5 for the "
    "2018 checkpoints (41.3 % and 66.2 % for the first ones, of June 2017); 0.47 million parameters"
)


@dataclass(frozen=True)
class ShippedWeights:
    """One configuration whose real ImageNet weights ship with Keras Tour, and its own published accuracy."""

    application: str
    kwargs: dict  # the constructor arguments under which Keras asks for this file
    keras_file: str  # the name Keras gives the file in its cache (``models/``)
    data_file: str  # the byte-identical copy under kerastour_helpers/data/
    top1: float | None  # ImageNet accuracy of this configuration (None: no classifier)
    top5: float | None
    source: str | None

    @property
    def call(self) -> str:
        """The Keras call that uses these weights, as a reader would type it."""
        return f"{self.application}(" + ", ".join(f"{k}={v!r}" for k, v in self.kwargs.items()) + ")"


SHIPPED = {
    "MobileNet": (
        ShippedWeights("MobileNet", {"alpha": 0.25, "input_shape": (128, 128, 3)}, "mobilenet_2_5_128_tf.h5",
                       "mobilenet/mobilenet_2_5_128_tf.h5", 0.415, 0.663, SLIM_TABLE),
        ShippedWeights("MobileNet", {"alpha": 0.25, "include_top": False, "input_shape": (224, 224, 3)},
                       "mobilenet_2_5_224_tf_no_top.h5", "mobilenet/mobilenet_2_5_224_tf_no_top.h5",
                       None, None, None),
    ),
}

# The name Keras gives a model it builds, where the constructor computes it (the others use the
# default of their ``name`` argument): how a model built with Keras alone is recognised.
KERAS_MODEL_NAMES = {
    "MobileNet": r"mobilenet_\d\.\d\d_\d+",  # mobilenet_{alpha:0.2f}_{rows}, keras/src/applications/mobilenet.py
    "MobileNetV2": r"mobilenetv2_\d\.\d\d_\d+",
}

# The ImageNet class index, as Keras's decode_predictions fetches it.
CLASS_INDEX = ("imagenet/imagenet_class_index.json", "imagenet_class_index.json", "c2c37ea517e94d9795004a39431a14cb")


def _percent(value):
    return None if value is None else round(value / 100, 3)


def _build():
    registry = {}
    for name, family, size, mb, top1, top5, params, depth, cpu, gpu in _TABLE:
        module, mode, in_article = FAMILIES[family]
        if name == "VGG19":
            module = "vgg19"
        registry[name] = ApplicationInfo(
            name=name, family=family, module=module, input_size=size, size_mb=mb,
            top1=_percent(top1), top5=_percent(top5), params_m=params, depth=depth,
            cpu_ms=cpu, gpu_ms=gpu, preprocessing=mode, in_source_article=in_article, paper=PAPERS[family],
            shipped=SHIPPED.get(name, ()),
        )
    return registry


APPLICATIONS = _build()
