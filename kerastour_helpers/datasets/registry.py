"""Keras's eight datasets: one entry per dataset carries the facts a reader wants (kind, shapes, classes, source,
license, citation) and how Keras Tour stands in offline (:class:`Offline`). The files Keras fetches and their
hashes are read from Keras's own loaders, not kept here. Adding a dataset is one entry plus its data in ``data/``."""

from dataclasses import dataclass, field

from ..display import Table

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
# Labels number the classes in alphabetical order; the coarse label of each fine label, in fine order.
CIFAR100_COARSE = tuple(sorted(CIFAR100_COARSE_TO_FINE))
_COARSE_OF = {fine: CIFAR100_COARSE.index(c) for c, fines in CIFAR100_COARSE_TO_FINE.items() for fine in fines}
CIFAR100_FINE = tuple(sorted(_COARSE_OF))
CIFAR100_COARSE_OF_FINE = tuple(_COARSE_OF[fine] for fine in CIFAR100_FINE)

REUTERS_TOPICS = (
    "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply", "coffee", "sugar", "trade",
    "reserves", "ship", "cotton", "carcass", "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp", "meal-feed", "alum",
    "oilseed", "gold", "tin", "strategic-metal", "livestock", "retail", "ipi", "iron-steel", "rubber", "heat", "jobs", "lei",
    "bop", "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog", "lead")

BOSTON_FEATURES = ("CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "B", "LSTAT")
CALIFORNIA_FEATURES = ("longitude", "latitude", "housing_median_age", "total_rooms", "total_bedrooms", "population",
                       "households", "median_income")


@dataclass(frozen=True)
class Offline:
    """What Keras Tour has when Keras's files are not in its cache: ``keras_files`` (Keras's file names
    to byte-identical shipped copies, then Keras's loader runs), or ``read``, a function of
    :mod:`.shipped` giving ``source`` data (``"offline-subset"``: real; ``"synthetic"``: made up)."""

    note: str
    source: str = "keras"
    keras_files: dict = field(default_factory=dict)
    read: str | None = None


def _shape_text(shape: tuple) -> str:
    """``(28, 28)`` as a shape, a described shape in words, ``()`` as a scalar."""
    return "a scalar" if not shape else str(shape) if isinstance(shape[0], int) else ", ".join(shape)


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    title: str
    kind: str  # "table", "text" or "image": how the book shows it
    task: str
    x_shape: tuple
    y_shape: tuple
    train_size: int
    test_size: int
    source: str
    license: str
    citation: str
    offline: Offline
    num_classes: int | None = None  # None: a regression target
    class_names: tuple = ()
    extra: dict = field(default_factory=dict)

    @property
    def loader(self) -> str:
        return f"keras.datasets.{self.name}.load_data"

    def as_rows(self) -> list:
        """(field, value) pairs for a facts table."""
        more = f", ... ({len(self.class_names)} in all)" if len(self.class_names) > 12 else ""
        classes = ", ".join(self.class_names[:12]) + more
        return [("Dataset", self.title), ("Task", self.task), ("Keras loader", f"{self.loader}()"),
                ("Examples (train / test)", f"{self.train_size:,} / {self.test_size:,}"),
                ("One example (x)", _shape_text(self.x_shape)), ("One target (y)", _shape_text(self.y_shape)),
                ("Classes", classes or "n/a (regression)"), ("Source", self.source), ("License", self.license),
                ("Cite", self.citation), ("Offline in Keras Tour", self.offline.note)]

    def _repr_html_(self):
        return Table(self.as_rows())._repr_html_()


WORDS = "variable-length list of word indices"
_KRIZHEVSKY = dict(
    source="Alex Krizhevsky, Vinod Nair and Geoffrey Hinton, University of Toronto",
    license="no formal license; cite the tech report",
    citation="Krizhevsky, A. (2009). Learning Multiple Layers of Features from Tiny Images. Tech. report, "
             "University of Toronto.")

DATASETS = {d.name: d for d in (
    DatasetInfo(
        name="boston_housing", title="Boston Housing prices", kind="table",
        task="regression: median home value (k$) from 13 features",
        x_shape=(13,), y_shape=(), train_size=404, test_size=102, extra={"feature_names": BOSTON_FEATURES},
        source="StatLib, Carnegie Mellon University", license="freely distributed, no formal license",
        citation=("Harrison, D. and Rubinfeld, D. L. (1978). Hedonic prices and the "
                  "demand for clean air. J. Environ. Economics and Management 5, 81-102."),
        offline=Offline("all of it: Keras's own file, byte for byte",
                        keras_files={"boston_housing.npz": "boston_housing/boston_housing.npz"}),
    ),
    DatasetInfo(
        name="california_housing", title="California Housing prices", kind="table",
        task="regression: median house value ($) of a census block group from 8 features",
        x_shape=(8,), y_shape=(), train_size=16512, test_size=4128,
        source="StatLib repository (1990 U.S. census)", license="freely distributed for research, no formal license",
        citation=("Pace, R. K. and Barry, R. (1997). Sparse Spatial Autoregressions. "
                  "Statistics and Probability Letters 33, 291-297."),
        offline=Offline("all 20,640 real rows, but in another row order than Keras's file, so the "
                        "train/test split, and the 600 rows of version=\"small\", differ from Keras's",
                        "offline-subset", read="california_housing"), extra={"feature_names": CALIFORNIA_FEATURES},
    ),
    DatasetInfo(
        name="imdb", title="IMDB movie reviews", kind="text",
        task="binary classification: review sentiment", x_shape=(WORDS,), y_shape=(),
        train_size=25000, test_size=25000, num_classes=2, class_names=("negative", "positive"),
        source="Large Movie Review Dataset, Stanford AI Lab", license="no formal license; for research",
        citation="Maas, A. L. et al. (2011). Learning Word Vectors for Sentiment Analysis. ACL 2011.",
        offline=Offline("1,000 real review sentences (500 positive, 500 negative; UCI 'Sentiment Labelled "
                        "Sentences', Kotzias et al. 2015, CC BY 4.0), taken from the same IMDB reviews: "
                        "sentences, not the 50,000 whole reviews, split 500 / 500; encoded with Keras's "
                        "real IMDB word index, offset and markers as Keras's loader gives them; a word "
                        "missing from the index becomes the out-of-vocabulary 2 here (Keras's own data "
                        "skipped words it had not seen)", "offline-subset", read="imdb_sentences"),
        extra={"word_index": "imdb/imdb_word_index.json"},
    ),
    DatasetInfo(
        name="reuters", title="Reuters newswire topics", kind="text",
        task="multi-class classification: the topic of a newswire", x_shape=(WORDS,), y_shape=(),
        train_size=8982, test_size=2246, num_classes=46, class_names=REUTERS_TOPICS,
        source="Reuters-21578 collection (Reuters Ltd. and Carnegie Group)",
        license="free distribution for research purposes only", extra={"word_index": "reuters/reuters_word_index.json"},
        citation="Lewis, D. D. (1997). Reuters-21578 text categorization collection.",
        offline=Offline("all of it: Keras's own files, byte for byte", keras_files={"reuters.npz": "reuters/reuters.npz"}),
    ),
    DatasetInfo(
        name="mnist", title="MNIST handwritten digits", kind="image",
        task="10-class image classification: which digit", x_shape=(28, 28), y_shape=(),
        train_size=60000, test_size=10000, num_classes=10, class_names=tuple(str(i) for i in range(10)),
        source="Yann LeCun, Corinna Cortes and Christopher Burges (derived from NIST)", license="CC BY-SA 3.0",
        citation=("LeCun, Y., Bottou, L., Bengio, Y. and Haffner, P. (1998). "
                  "Gradient-based learning applied to document recognition. Proc. IEEE."),
        offline=Offline("a real subset: 5,000 of the 60,000 training digits (500 per class) and the "
                        "complete 10,000-digit test set", "offline-subset", read="mnist"),
    ),
    DatasetInfo(
        name="fashion_mnist", title="Fashion-MNIST clothing images", kind="image",
        task="10-class image classification: which kind of garment", x_shape=(28, 28), y_shape=(),
        train_size=60000, test_size=10000, num_classes=10,
        class_names=("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                     "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"), source="Zalando Research", license="MIT",
        citation=("Xiao, H., Rasul, K. and Vollgraf, R. (2017). Fashion-MNIST: a Novel "
                  "Image Dataset for Benchmarking Machine Learning Algorithms. arXiv:1708.07747."),
        offline=Offline("a real subset: the first 1,000 images of the Fashion-MNIST test set with their "
                        "labels (Zalando's CSV), split 800 for training and 200 for testing, instead of "
                        "Keras's 60,000 / 10,000", "offline-subset", read="fashion_mnist"),
    ),
    DatasetInfo(
        name="cifar10", title="CIFAR-10 tiny images", kind="image",
        task="10-class image classification: object category", x_shape=(32, 32, 3), y_shape=(1,),
        train_size=50000, test_size=10000, num_classes=10, **_KRIZHEVSKY,
        class_names=("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
        offline=Offline("a real subset: the first 200 training images, split 160 for training and 40 "
                        "for testing", "offline-subset", read="cifar10"),
    ),
    DatasetInfo(
        name="cifar100", title="CIFAR-100 tiny images", kind="image",
        task="100-class (or 20 superclass) image classification", x_shape=(32, 32, 3), y_shape=(1,),
        train_size=50000, test_size=10000, num_classes=100, class_names=CIFAR100_FINE, **_KRIZHEVSKY,
        offline=Offline("NOT real data: a made-up stand-in with CIFAR-100's shapes, dtypes and label "
                        "scheme (one pattern per class plus noise); nothing real of CIFAR-100 ships",
                        "synthetic", read="cifar100_standin"),
        extra={"coarse_class_names": CIFAR100_COARSE, "coarse_to_fine": CIFAR100_COARSE_TO_FINE,
               "coarse_of_fine": CIFAR100_COARSE_OF_FINE},
    ),
)}
