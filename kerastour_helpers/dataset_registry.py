"""The registry of the tour's seven datasets: facts only, no loading code.

Each entry says what a reader wants to know about a dataset (what it is, its
shapes, classes, source, license and citation), which files Keras keeps for it
in its cache (with the hash Keras checks), and which real data Keras Tour ships
for offline use. The loading logic lives in :mod:`kerastour_helpers.datasets`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CIFAR100_COARSE_TO_FINE = {
    "aquatic_mammals": ("beaver", "dolphin", "otter", "seal", "whale"),
    "fish": ("aquarium_fish", "flatfish", "ray", "shark", "trout"),
    "flowers": ("orchid", "poppy", "rose", "sunflower", "tulip"),
    "food_containers": ("bottle", "bowl", "can", "cup", "plate"),
    "fruit_and_vegetables": ("apple", "mushroom", "orange", "pear", "sweet_pepper"),
    "household_electrical_devices": ("clock", "keyboard", "lamp", "telephone", "television"),
    "household_furniture": ("bed", "chair", "couch", "table", "wardrobe"),
    "insects": ("bee", "beetle", "butterfly", "caterpillar", "cockroach"),
    "large_carnivores": ("bear", "leopard", "lion", "tiger", "wolf"),
    "large_man-made_outdoor_things": ("bridge", "castle", "house", "road", "skyscraper"),
    "large_natural_outdoor_scenes": ("cloud", "forest", "mountain", "plain", "sea"),
    "large_omnivores_and_herbivores": ("camel", "cattle", "chimpanzee", "elephant", "kangaroo"),
    "medium_mammals": ("fox", "porcupine", "possum", "raccoon", "skunk"),
    "non-insect_invertebrates": ("crab", "lobster", "snail", "spider", "worm"),
    "people": ("baby", "boy", "girl", "man", "woman"),
    "reptiles": ("crocodile", "dinosaur", "lizard", "snake", "turtle"),
    "small_mammals": ("hamster", "mouse", "rabbit", "shrew", "squirrel"),
    "trees": ("maple_tree", "oak_tree", "palm_tree", "pine_tree", "willow_tree"),
    "vehicles_1": ("bicycle", "bus", "motorcycle", "pickup_truck", "train"),
    "vehicles_2": ("lawn_mower", "rocket", "streetcar", "tank", "tractor"),
}
# Fine labels are numbered in alphabetical order, coarse labels likewise.
CIFAR100_FINE = tuple(sorted(n for fines in CIFAR100_COARSE_TO_FINE.values() for n in fines))
CIFAR100_COARSE = tuple(sorted(CIFAR100_COARSE_TO_FINE))
# The coarse label of each fine label, in fine-label order.
CIFAR100_COARSE_OF_FINE = tuple(
    CIFAR100_COARSE.index(coarse)
    for fine in CIFAR100_FINE
    for coarse, members in CIFAR100_COARSE_TO_FINE.items()
    if fine in members
)

REUTERS_TOPICS = (
    "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing",
    "money-supply", "coffee", "sugar", "trade", "reserves", "ship", "cotton",
    "carcass", "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp",
    "meal-feed", "alum", "oilseed", "gold", "tin", "strategic-metal",
    "livestock", "retail", "ipi", "iron-steel", "rubber", "heat", "jobs", "lei",
    "bop", "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog",
    "lead",
)

BOSTON_FEATURES = (
    "CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX",
    "PTRATIO", "B", "LSTAT",
)


def _shape_text(shape: tuple) -> str:
    """``(28, 28)`` as a shape, a described shape as plain words, ``()`` as a scalar."""
    if not shape:
        return "a scalar"
    if all(isinstance(d, int) for d in shape):
        return str(shape)
    return ", ".join(str(d) for d in shape)


@dataclass(frozen=True)
class CacheFile:
    """A file Keras keeps under ``$KERAS_HOME/datasets`` for a dataset.

    ``file_hash`` is the hash Keras's loader checks (sha256 when 64 hex digits,
    md5 when 32); ``None`` where Keras checks none. ``shipped`` names the
    byte-identical copy inside this package, if there is one.
    """

    name: str
    file_hash: str | None
    shipped: str | None = None


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    title: str
    task: str
    description: str
    x_shape: tuple
    y_shape: tuple
    train_size: int
    test_size: int
    num_classes: int | None
    class_names: tuple
    source: str
    license: str
    citation: str
    cache_files: tuple
    offline: str  # what the package ships: "keras-files", "subset" or "synthetic"
    offline_note: str
    extra: dict = field(default_factory=dict)

    @property
    def loader(self) -> str:
        return f"keras.datasets.{self.name}.load_data"

    def as_rows(self) -> list:
        """(field, value) pairs for a facts table."""
        classes = ", ".join(self.class_names[:12])
        if len(self.class_names) > 12:
            classes += f", ... ({len(self.class_names)} in all)"
        return [
            ("Dataset", self.title),
            ("Task", self.task),
            ("Keras loader", f"{self.loader}()"),
            ("Examples (train / test)", f"{self.train_size:,} / {self.test_size:,}"),
            ("One example (x)", _shape_text(self.x_shape)),
            ("One target (y)", _shape_text(self.y_shape)),
            ("Classes", classes or "n/a (regression)"),
            ("Source", self.source),
            ("License", self.license),
            ("Cite", self.citation),
            ("Offline in Keras Tour", self.offline_note),
        ]

    def _repr_html_(self):
        from html import escape

        rows = "".join(
            f"<tr><th style='text-align:left'>{escape(k)}</th><td style='text-align:left'>{escape(v)}</td></tr>"
            for k, v in self.as_rows()
        )
        return f"<table class='kerastour-facts'>{rows}</table>"


DATASETS = {
    d.name: d
    for d in (
        DatasetInfo(
            name="boston_housing",
            title="Boston Housing prices",
            task="regression: median home value (k$) from 13 features",
            description="506 Boston suburbs in the 1970s, 13 numeric features each.",
            x_shape=(13,),
            y_shape=(),
            train_size=404,
            test_size=102,
            num_classes=None,
            class_names=(),
            source="StatLib, Carnegie Mellon University",
            license="freely distributed, no formal license",
            citation=(
                "Harrison, D. and Rubinfeld, D. L. (1978). Hedonic prices and the "
                "demand for clean air. J. Environ. Economics and Management 5, 81-102."
            ),
            cache_files=(
                CacheFile(
                    "boston_housing.npz",
                    "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5",
                    "boston_housing/boston_housing.npz",
                ),
            ),
            offline="keras-files",
            offline_note="all of it: Keras's own file, byte for byte",
            extra={"feature_names": BOSTON_FEATURES},
        ),
        DatasetInfo(
            name="imdb",
            title="IMDB movie reviews",
            task="binary classification: review sentiment",
            description="50,000 movie reviews as sequences of word indices, labelled positive or negative.",
            x_shape=("variable-length list of word indices",),
            y_shape=(),
            train_size=25000,
            test_size=25000,
            num_classes=2,
            class_names=("negative", "positive"),
            source="Large Movie Review Dataset, Stanford AI Lab",
            license="no formal license; for research",
            citation=(
                "Maas, A. L. et al. (2011). Learning Word Vectors for Sentiment "
                "Analysis. ACL 2011."
            ),
            cache_files=(
                CacheFile(
                    "imdb.npz",
                    "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f",
                ),
            ),
            offline="synthetic",
            offline_note=(
                "the real word index only; the reviews are a synthetic stand-in "
                "made of real words"
            ),
            extra={
                "word_index": CacheFile(
                    "imdb_word_index.json",
                    "bfafd718b763782e994055a2d397834f",
                    "imdb/imdb_word_index.json",
                )
            },
        ),
        DatasetInfo(
            name="reuters",
            title="Reuters newswire topics",
            task="multi-class classification: the topic of a newswire",
            description="11,228 Reuters newswires from 1987 as word-index sequences, 46 topics.",
            x_shape=("variable-length list of word indices",),
            y_shape=(),
            train_size=8982,
            test_size=2246,
            num_classes=46,
            class_names=REUTERS_TOPICS,
            source="Reuters-21578 collection (Reuters Ltd. and Carnegie Group)",
            license="free distribution for research purposes only",
            citation="Lewis, D. D. (1997). Reuters-21578 text categorization collection.",
            cache_files=(
                CacheFile(
                    "reuters.npz",
                    "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916",
                    "reuters/reuters.npz",
                ),
            ),
            offline="keras-files",
            offline_note="all of it: Keras's own files, byte for byte",
            extra={
                "word_index": CacheFile(
                    "reuters_word_index.json",
                    "4d44cc38712099c9e383dc6e5f11a921",
                    "reuters/reuters_word_index.json",
                )
            },
        ),
        DatasetInfo(
            name="mnist",
            title="MNIST handwritten digits",
            task="10-class image classification: which digit",
            description="70,000 grayscale 28x28 images of handwritten digits 0-9.",
            x_shape=(28, 28),
            y_shape=(),
            train_size=60000,
            test_size=10000,
            num_classes=10,
            class_names=tuple(str(i) for i in range(10)),
            source="Yann LeCun, Corinna Cortes and Christopher Burges (derived from NIST)",
            license="CC BY-SA 3.0",
            citation=(
                "LeCun, Y., Bottou, L., Bengio, Y. and Haffner, P. (1998). "
                "Gradient-based learning applied to document recognition. Proc. IEEE."
            ),
            cache_files=(
                CacheFile(
                    "mnist.npz",
                    "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
                ),
            ),
            offline="subset",
            offline_note=(
                "a real subset: 5,000 of the 60,000 training digits (500 per class) "
                "and the complete 10,000-digit test set"
            ),
        ),
        DatasetInfo(
            name="fashion_mnist",
            title="Fashion-MNIST clothing images",
            task="10-class image classification: which kind of garment",
            description="70,000 grayscale 28x28 images of Zalando articles, a drop-in replacement for MNIST.",
            x_shape=(28, 28),
            y_shape=(),
            train_size=60000,
            test_size=10000,
            num_classes=10,
            class_names=(
                "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
            ),
            source="Zalando Research",
            license="MIT",
            citation=(
                "Xiao, H., Rasul, K. and Vollgraf, R. (2017). Fashion-MNIST: a Novel "
                "Image Dataset for Benchmarking Machine Learning Algorithms. arXiv:1708.07747."
            ),
            cache_files=(
                CacheFile("fashion-mnist/train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
                          "fashion_mnist/train-labels-idx1-ubyte.gz"),
                CacheFile("fashion-mnist/train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                CacheFile("fashion-mnist/t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310",
                          "fashion_mnist/t10k-labels-idx1-ubyte.gz"),
                CacheFile("fashion-mnist/t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
            ),
            offline="synthetic",
            offline_note=(
                "the real labels only; the images are a synthetic stand-in "
                "(one made-up pattern per class plus noise)"
            ),
        ),
        DatasetInfo(
            name="cifar10",
            title="CIFAR-10 tiny images",
            task="10-class image classification: object category",
            description="60,000 colour 32x32 images in 10 classes.",
            x_shape=(32, 32, 3),
            y_shape=(1,),
            train_size=50000,
            test_size=10000,
            num_classes=10,
            class_names=(
                "airplane", "automobile", "bird", "cat", "deer",
                "dog", "frog", "horse", "ship", "truck",
            ),
            source="Alex Krizhevsky, Vinod Nair and Geoffrey Hinton, University of Toronto",
            license="no formal license; cite the tech report",
            citation=(
                "Krizhevsky, A. (2009). Learning Multiple Layers of Features from Tiny "
                "Images. Tech. report, University of Toronto."
            ),
            cache_files=(
                CacheFile(
                    "cifar-10-batches-py-target_archive",
                    "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
                ),
            ),
            offline="subset",
            offline_note=(
                "a real subset: the first 200 training images, split 160 for "
                "training and 40 for testing"
            ),
        ),
        DatasetInfo(
            name="cifar100",
            title="CIFAR-100 tiny images",
            task="100-class (or 20 superclass) image classification",
            description="60,000 colour 32x32 images in 100 fine classes grouped into 20 coarse ones.",
            x_shape=(32, 32, 3),
            y_shape=(1,),
            train_size=50000,
            test_size=10000,
            num_classes=100,
            class_names=CIFAR100_FINE,
            source="Alex Krizhevsky, Vinod Nair and Geoffrey Hinton, University of Toronto",
            license="no formal license; cite the tech report",
            citation=(
                "Krizhevsky, A. (2009). Learning Multiple Layers of Features from Tiny "
                "Images. Tech. report, University of Toronto."
            ),
            cache_files=(
                CacheFile(
                    "cifar-100-python-target_archive",
                    "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7",
                ),
            ),
            offline="synthetic",
            offline_note="nothing real; the images are a synthetic stand-in",
            extra={
                "coarse_class_names": CIFAR100_COARSE,
                "coarse_to_fine": CIFAR100_COARSE_TO_FINE,
                "coarse_of_fine": CIFAR100_COARSE_OF_FINE,
            },
        ),
    )
}
