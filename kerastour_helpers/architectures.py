"""The models of the architecture chapter, in one registry that the notebook and the tests share.

Each row of ``MODELS`` says how to build one model, which dataset of the data
layer it learns from, and what its inputs look like. ``build_model(name)``
builds it; ``load_model_data(name)`` loads and prepares its data;
``set_deterministic_weights`` gives a model the same weights on every backend,
so that outputs can be compared across TensorFlow, JAX and PyTorch.

Keras is imported inside the functions, never when this module is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NUM_WORDS = 10_000  # the Reuters vocabulary: the 10,000 most frequent words
MAXLEN = 120  # Reuters newswires are cut (or padded) to their last 120 words
NUM_TOPICS = 46  # Reuters has 46 topics
HIDDEN = 64  # the width of the small dense network built three ways


class UnknownModelError(ValueError):
    """A model name that is not in the registry."""


# --- The small dense network, built three ways -------------------------------------


def mlp_sequential():
    """A list of layers, applied in order."""
    import keras

    return keras.Sequential(
        [
            keras.Input(shape=(784,)),
            keras.layers.Dense(HIDDEN, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ],
        name="mlp_sequential",
    )


def mlp_functional():
    """Layers called on tensors; the model is the graph from inputs to outputs."""
    import keras

    inputs = keras.Input(shape=(784,))
    hidden = keras.layers.Dense(HIDDEN, activation="relu")(inputs)
    outputs = keras.layers.Dense(10, activation="softmax")(hidden)
    return keras.Model(inputs, outputs, name="mlp_functional")


def _subclassed_class():
    """The class ``MLP``, made when first needed (this module never imports Keras on import)."""
    import keras

    class MLP(keras.Model):
        """Layers made in ``__init__``, wired together in ``call``."""

        def __init__(self, hidden=HIDDEN, classes=10, **kwargs):
            super().__init__(**kwargs)
            self.hidden = keras.layers.Dense(hidden, activation="relu")
            self.classifier = keras.layers.Dense(classes, activation="softmax")

        def call(self, inputs):
            return self.classifier(self.hidden(inputs))

    return MLP


def mlp_subclassed():
    """A Python class: the most freedom, and Keras only learns its shapes when it is built."""
    import keras

    MLP = _subclassed_class()  # not shown: the page shows the class itself, at top level
    model = MLP(name="mlp_subclassed")
    model(keras.ops.zeros((1, 784)))  # calling it once creates its weights, so count_params() works
    return model


# --- A convnet, a recurrent network, and the two combined ----------------------------


def convnet():
    """Two convolution + pooling blocks, then a classifier: MNIST digits."""
    import keras

    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(16, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.5),
            keras.layers.Dense(10, activation="softmax"),
        ],
        name="convnet",
    )


def gru():
    """Word vectors read one by one by a GRU: Reuters newswire topics."""
    import keras

    return keras.Sequential(
        [
            keras.Input(shape=(MAXLEN,), dtype="int32"),
            keras.layers.Embedding(NUM_WORDS, 32),
            keras.layers.GRU(32),
            keras.layers.Dense(NUM_TOPICS, activation="softmax"),
        ],
        name="gru",
    )


def cnn_gru():
    """A convolutional front end (Conv1D + pooling) shortens the sequence the GRU reads."""
    import keras

    return keras.Sequential(
        [
            keras.Input(shape=(MAXLEN,), dtype="int32"),
            keras.layers.Embedding(NUM_WORDS, 32),
            keras.layers.Conv1D(32, 5, activation="relu"),
            keras.layers.MaxPooling1D(4),
            keras.layers.GRU(32),
            keras.layers.Dense(NUM_TOPICS, activation="softmax"),
        ],
        name="cnn_gru",
    )


# --- The registry --------------------------------------------------------------------


@dataclass(frozen=True)
class ModelSpec:
    name: str
    build: object  # a function of no arguments that returns a Keras model
    dataset: str  # a dataset of the data layer (kt.load_dataset)
    inputs: str  # "flat-images", "images" or "sequences": how prepare_inputs shapes the data
    input_shape: tuple
    description: str
    load_kwargs: dict = field(default_factory=dict)
    code: tuple = ()  # what show_code displays: functions, or "MLP" for the class (default: build)


_REUTERS = {"num_words": NUM_WORDS}

MODELS = {
    spec.name: spec
    for spec in [
        ModelSpec("mlp_sequential", mlp_sequential, "mnist", "flat-images", (784,), "dense network, Sequential"),
        ModelSpec("mlp_functional", mlp_functional, "mnist", "flat-images", (784,), "dense network, Functional"),
        ModelSpec(
            "mlp_subclassed", mlp_subclassed, "mnist", "flat-images", (784,), "dense network, subclassed",
            code=("MLP", mlp_subclassed),
        ),
        ModelSpec("convnet", convnet, "mnist", "images", (28, 28, 1), "convnet on MNIST digits"),
        ModelSpec("gru", gru, "reuters", "sequences", (MAXLEN,), "GRU on Reuters topics", _REUTERS),
        ModelSpec("cnn_gru", cnn_gru, "reuters", "sequences", (MAXLEN,), "Conv1D + GRU on Reuters topics", _REUTERS),
    ]
}


def list_models() -> list:
    """The names of the chapter's models, in the order the chapter presents them."""
    return list(MODELS)


def model_spec(name: str) -> ModelSpec:
    try:
        return MODELS[name]
    except (KeyError, TypeError):
        raise UnknownModelError(f"Unknown model {name!r}. Choose one of: {', '.join(MODELS)}.") from None


def build_model(name: str):
    """Build one of the chapter's models (uncompiled) on the active Keras backend."""
    return model_spec(name).build()


_NOT_SHOWN = "# not shown"


def _shown_source(part) -> str:
    """The source of one shown part, as a reader would write it at the top level of a file."""
    import inspect
    import textwrap

    if part == "MLP":  # the class inside _subclassed_class, dedented to the top level
        text = inspect.getsource(_subclassed_class)
        text = textwrap.dedent(text[text.index("    class MLP"):text.index("    return MLP")])
    else:
        text = inspect.getsource(part)
    lines = []
    for line in text.rstrip().splitlines():
        if line.strip() == "" and lines and lines[-1] is None:
            continue  # the blank line after a dropped line
        if _NOT_SHOWN in line or line.strip() == "import keras":  # keras is imported once, at the top
            line = None
        lines.append(line)
    return "\n".join(line for line in lines if line is not None)


def _constants_used(text: str) -> list:
    """The module's constant definitions (``NAME = value  # comment``) that ``text`` uses."""
    import inspect
    import re
    import sys

    module = inspect.getsource(sys.modules[__name__])
    found = []
    for match in re.finditer(r"^([A-Z][A-Z_]*) = .*$", module, flags=re.M):
        if re.search(rf"\b{match.group(1)}\b", text):
            found.append(match.group(0))
    return found


def model_source(name: str) -> str:
    """The Python source that builds a model, self-contained: it runs as it is shown.

    It is the code of this module, with ``import keras`` and the constants it uses (with
    their values) at the top, and the subclassed network's class at the top level.
    """
    spec = model_spec(name)
    body = "\n\n\n".join(_shown_source(part) for part in (spec.code or (spec.build,)))
    header = "\n".join(["import keras", "", *_constants_used(body)])
    return f"{header.rstrip()}\n\n\n{body}\n"


class SourceCode:
    """Python source shown highlighted in a notebook, as plain text elsewhere.

    Unlike IPython's ``Code`` it offers no LaTeX form, which would make the
    book load a math renderer on every page for nothing.
    """

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self):
        from IPython.display import Code

        return Code(self.text, language="python")._repr_html_()

    def __repr__(self):
        return self.text


def show_code(name: str) -> SourceCode:
    """The source that builds a model, highlighted in a notebook (plain text elsewhere)."""
    return SourceCode(model_source(name))


# --- Data ----------------------------------------------------------------------------


def prepare_inputs(name: str, x):
    """Shape raw data-layer inputs for a model: images scaled to [0, 1], sequences padded."""
    import numpy as np

    spec = model_spec(name)
    if spec.inputs == "sequences":
        import keras

        return keras.utils.pad_sequences(x, maxlen=spec.input_shape[0]).astype("int32")
    return (np.asarray(x, dtype="float32") / 255.0).reshape((-1, *spec.input_shape))


def load_model_data(name: str):
    """``((x_train, y_train), (x_test, y_test)), source`` for a model, ready to fit."""
    from .datasets import load_dataset

    spec = model_spec(name)
    data = load_dataset(spec.dataset, **spec.load_kwargs)
    (x_train, y_train), (x_test, y_test) = data
    prepared = (prepare_inputs(name, x_train), y_train.reshape(-1)), (prepare_inputs(name, x_test), y_test.reshape(-1))
    return prepared, data.source


def probe_inputs(name: str, n: int = 8, seed: int = 0):
    """A fixed batch of made-up inputs of the model's shape (the same on every backend)."""
    import numpy as np

    spec = model_spec(name)
    rng = np.random.RandomState(seed)
    if spec.inputs == "sequences":
        return rng.randint(1, NUM_WORDS, size=(n, *spec.input_shape)).astype("int32")
    return rng.uniform(0.0, 1.0, size=(n, *spec.input_shape)).astype("float32")


def set_deterministic_weights(model, seed: int = 0, scale: float = 0.1):
    """Give ``model`` weights drawn from NumPy with ``seed``: identical on every backend."""
    import numpy as np

    rng = np.random.RandomState(seed)
    model.set_weights([rng.uniform(-scale, scale, size=w.shape).astype("float32") for w in model.get_weights()])
    return model


def parameter_counts(names=None) -> dict:
    """``{name: number of parameters}`` for the chapter's models on the active backend."""
    return {name: int(build_model(name).count_params()) for name in (names or MODELS)}
