"""``python -m kerastour_helpers doctor | files [WHICH] [--urls] | import FOLDER``: Keras's files without its hosts,
e.g. ``files --urls | wget -i -`` on a machine with a network, then ``import ~/Downloads/keras-files`` here."""

import argparse
import os
import sys


def main(argv=None) -> int:
    """Run one command; return the exit status (0: all good, 1: something refused or wrong, 2: bad use)."""
    parser = argparse.ArgumentParser(prog="python -m kerastour_helpers",
                                     description="Get Keras's datasets and weights into Keras's cache without its hosts.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{doctor,files,import}")
    check = commands.add_parser("doctor", help="versions, devices, Graphviz, Keras's hosts, the files in Keras's cache")
    check.add_argument("--no-hosts", action="store_true", help="do not ask Keras's download hosts whether they answer")
    check.add_argument("--timeout", type=float, default=3.0, help="seconds to wait for each host (default 3)")
    files = commands.add_parser("files", help="each file's download address, expected hash and destination")
    files.add_argument("which", nargs="?", default="all", help="all, datasets, models, or a name (mnist, MobileNet)")
    files.add_argument("--urls", action="store_true", help="only the addresses, one a line (for wget -i)")
    commands.add_parser("import", help="check FOLDER's files against Keras's hashes, install the good ones").add_argument(
        "folder", help="the folder that holds the files you fetched")
    args = parser.parse_args(argv)
    from .runtime import doctor  # after parsing: --help stays fast

    try:
        report = (doctor.files_text(args.which, urls=args.urls) if args.command == "files" else
                  doctor.doctor(hosts=not args.no_hosts, timeout=args.timeout) if args.command == "doctor" else
                  doctor.import_folder(args.folder))
    except (ValueError, doctor.cache.DataFileError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(report)
    return 1 if getattr(report, "problems", 0) else 0  # files prints text, with nothing to refuse


if __name__ == "__main__":
    if sys.argv[1:2] in (["files"], ["import"]):  # these do not depend on the backend; NumPy's starts fastest
        os.environ["KERAS_BACKEND"] = "numpy"
    sys.exit(main())
