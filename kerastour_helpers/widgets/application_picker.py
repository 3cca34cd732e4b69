"""Pick a pretrained model and a photo: its facts, then its top 5 (or, without weights, its architecture).

Built on :func:`kerastour_helpers.pickers.picker`, so the rendered book shows the
default choice as a static output.
"""

from __future__ import annotations

import collections
import html

from ..pretrained.models import WeightsFileError, WeightsUnavailableError, application_info, load_application
from ..pretrained.photos import PHOTOS, sample_image
from ..pretrained.predictions import classify
from ..pretrained.registry import APPLICATIONS, PREPROCESSING

_MODELS = collections.OrderedDict()  # the last few models built, so that switching photos is instant
_KEEP = 2


def _model_for(name: str):
    """(model, True) with ImageNet weights when they can be had, else (architecture, False)."""
    info = application_info(name)
    for key, weights in (((name, "imagenet"), "imagenet"), ((name, None), None)):
        if key in _MODELS:
            return _MODELS[key], weights is not None
    try:
        model, has_weights = load_application(name, **info.offline_kwargs), True
    except WeightsUnavailableError as err:
        print(f"{err.reason[:1].upper()}{err.reason[1:]}: no weights for {name} here ({err.file_name}). "
              "Showing its architecture with random weights instead.")
        model, has_weights = load_application(name, weights=None, **info.offline_kwargs), False
    except WeightsFileError as err:  # a damaged file in Keras's cache: say which, and go on without it
        print(f"{err} Showing the architecture with random weights instead.")
        model, has_weights = load_application(name, weights=None, **info.offline_kwargs), False
    _MODELS[(name, "imagenet" if has_weights else None)] = model
    while len(_MODELS) > _KEEP:
        _MODELS.popitem(last=False)
    return model, has_weights


def facts_html(name: str, built=None, config=None, has_weights=False) -> str:
    """The registry's published facts about one model, as a small HTML table.

    With ``built`` (the model actually run, built with ``config``), a second column shows
    that model's own input size and parameter count, counted from the built model, and
    the caption says that the published figures are for the default configuration.
    """
    info = application_info(name)
    config = dict(config or {})

    def show(value, fmt="{}"):
        return "not published" if value is None else fmt.format(value)

    published = [
        ("Constructor", info.constructor),
        ("Family", f"{info.family} ({info.paper.authors}, {info.paper.venue} {info.paper.year})"),
        ("Input", f"{info.input_size} x {info.input_size} px"),
        ("ImageNet top-1 / top-5", f"{show(info.top1, '{:.1%}')} / {show(info.top5, '{:.1%}')}"),
        ("Parameters", show(info.params_m, "{:g} million")),
        ("Depth", show(info.depth)),
        ("Size", show(info.size_mb, "{:g} MB")),
        ("ms per batch of 32 (CPU / A100)", f"{show(info.cpu_ms)} / {show(info.gpu_ms)}"),
        ("Preprocessing", f"{info.preprocess_function}: {PREPROCESSING[info.preprocessing]}"),
    ]

    def cell(value):
        return f"<td style='text-align:left'>{html.escape(str(value))}</td>"

    if built is None:
        body = "".join(f"<tr><th style='text-align:left'>{k}</th>{cell(v)}</tr>" for k, v in published)
        return f"<table>{body}</table>"
    described = ", ".join(f"{k}={v}" for k, v in config.items())
    height, width = tuple(built.input_shape)[1:3]
    same = not config
    shipped = next((e for e in info.shipped if dict(e.kwargs) == config), None)
    if not has_weights:
        accuracy = "none (random weights)"
    elif same:
        accuracy = "as published"
    elif shipped is not None and shipped.top1 is not None:
        accuracy = f"{shipped.top1:.1%} / {shipped.top5:.1%} (TF-slim's table)"
    else:
        accuracy = "not in the published table"
    run = {
        "Constructor": f"{info.constructor}({described})",
        "Input": f"{height} x {width} px" if height else f"any size (built for {info.input_size} x {info.input_size})",
        "ImageNet top-1 / top-5": accuracy,
        "Parameters": f"{built.count_params():,} (counted on the built model)",
        "Preprocessing": "the same",
    }
    default = "alpha=1.0, " if "alpha" in config else ""
    caption = (f"Published figures (keras.io) are for the default {info.name}() "
               f"({default}{info.input_size} x {info.input_size} px, with its classifier). "
               + ("The model run here is the same configuration."
                  if same else f"The model run here is {info.name}({described}): see the right column."))
    head = ("<tr><th></th><th style='text-align:left'>Published (default configuration)</th>"
            "<th style='text-align:left'>Run here</th></tr>")
    body = "".join(f"<tr><th style='text-align:left'>{k}</th>{cell(v)}{cell(run.get(k, ''))}</tr>"
                   for k, v in published)
    return (f"<table><caption style='caption-side:top;text-align:left'>{html.escape(caption)}</caption>"
            f"{head}{body}</table>")


def architecture_summary(model) -> str:
    """A short summary of a (possibly very large) model: sizes, shapes and the most common layer types."""
    counts = collections.Counter(type(layer).__name__ for layer in model.layers)
    common = ", ".join(f"{n} {kind}" for kind, n in counts.most_common(6))
    return (
        f"{model.name}: {len(model.layers)} layers, {model.count_params():,} parameters; "
        f"input {tuple(model.input_shape)}, output {tuple(model.output_shape)}. Most common layers: {common}."
    )


def render_choice(model: str, photo: str):
    """Draw one choice: the model's facts, then its top 5 on the photo, or its architecture."""
    from IPython.display import HTML, display

    built, has_weights = _model_for(model)
    config = application_info(model).offline_kwargs
    display(HTML(f"<h4>{html.escape(model)}</h4>" + facts_html(model, built, config, has_weights)))
    if has_weights:
        described = ", ".join(f"{k}={v}" for k, v in config.items())
        print(f"Top 5 for {photo} with ImageNet weights ({model}({described})):" if described
              else f"Top 5 for {photo} with ImageNet weights:")
        display(classify(built, sample_image(photo), top=5))
    else:
        print("Architecture (random weights):", architecture_summary(built))


def application_picker(models=None, photos=None):
    """Dropdowns for a model and a photo; the default choice is drawn first as a static output.

    A model whose weights cannot be had (offline, or a damaged file in Keras's
    cache) is shown as its architecture, with a line that says why.

    Example::

        >>> kt.application_picker(models=["MobileNet", "ResNet50"], photos=["chelsea.png"])
    """
    from .pickers import picker

    # By default the models whose weights Keras Tour ships come first, so the default choice has weights.
    models = list(models or sorted(APPLICATIONS, key=lambda name: not APPLICATIONS[name].shipped_weights))
    for name in models:
        application_info(name)  # an unknown name fails here, listing the valid ones
    photos = list(photos or PHOTOS)
    return picker(render_choice, labels={"model": "Model", "photo": "Photo"}, model=models, photo=photos)
