"""The evaluations to run: the XML evaluation config as ``readEvals`` walks it, or a
``-z`` file list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...errors import InputError
from .perl import perl_lines, perl_split

FORMATS = ("SEE", "SPL", "ISI", "SIMPLE")


@dataclass
class Eval:
    """One ``<EVAL>``: the peers' and models' file paths and the input format."""

    id: str
    format: str | None = None
    peer_root: str | None = None
    model_root: str | None = None
    peers: dict[str, str] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=dict)
    model_ids: list[str] = field(default_factory=list)  # in order, repeats kept

    def peer_path(self, peer: str, file_list: bool) -> str:
        name = self.peers[peer]
        return name if file_list else f"{self.peer_root or ''}/{name}"

    def model_paths(self, file_list: bool) -> list[str]:
        names = [self.models.get(m, "") for m in self.model_ids]
        if file_list:
            return names
        return [f"{self.model_root or ''}/{name}" for name in names]


def read_config(data: bytes) -> tuple[list[Eval], list[str]]:
    """The XML evaluation config (``<EVAL ID>`` with ``PEER-ROOT``, ``MODEL-ROOT``,
    ``INPUT-FORMAT TYPE``, ``PEERS``/``P ID``, ``MODELS``/``M ID``; element names in any
    case), as ``readEvals`` walks it: the evaluations, and every peer ID it names."""
    from xml.dom import Node
    from xml.dom.minidom import parseString
    from xml.parsers.expat import ExpatError

    try:
        doc = parseString(data)
    except (ExpatError, ValueError) as e:
        raise InputError(f"the ROUGE config is not valid XML: {e}") from None
    evals: dict[str, Eval] = {}
    peer_ids: dict[str, None] = {}

    def attr(node, name: str, what: str) -> str:
        if not node.hasAttribute(name):
            raise InputError(f"a <{node.nodeName}> in the ROUGE config has no {name} "
                             f"attribute ({what})")
        return node.getAttribute(name)

    def text_of(node) -> str | None:
        value = None
        for child in node.childNodes:
            if child.nodeType == Node.TEXT_NODE:
                value = re.sub(r"[\s]+$", "", re.sub(r"^[\s]+", "", child.data))
        return value

    def current(eval_id: str | None, what: str) -> Eval:
        if eval_id is None or eval_id not in evals:
            raise InputError(f"({what}) Evaluation database does not contain entry for "
                             f"this evaluation ID: {eval_id or ''}")
        return evals[eval_id]

    def walk(node, eval_id: str | None) -> None:
        if node.nodeType != Node.ELEMENT_NODE:
            for child in node.childNodes:
                walk(child, eval_id)
            return
        name = node.nodeName.upper()
        if name == "EVAL":
            eval_id = attr(node, "ID", "the evaluation's name")
            evals.setdefault(eval_id, Eval(eval_id))
            for child in node.childNodes:
                walk(child, eval_id)
        elif name == "INPUT-FORMAT":
            kind = attr(node, "TYPE", "SEE, SPL, ISI or SIMPLE")
            if kind.upper() not in FORMATS:
                raise InputError(f"Unknown input type: {kind}")
            current(eval_id, "INPUT-FORMAT").format = kind
        elif name in ("PEER-ROOT", "MODEL-ROOT"):
            value = text_of(node)
            if value is not None:
                e = current(eval_id, name)
                if name == "PEER-ROOT":
                    e.peer_root = value
                else:
                    e.model_root = value
        elif name in ("PEERS", "MODELS"):
            tag = name[0]
            for child in node.childNodes:
                if child.nodeType == Node.ELEMENT_NODE and child.nodeName.upper() == tag:
                    ident = attr(child, "ID", "the peer's or model's name")
                    e = current(eval_id, name)
                    if tag == "P":
                        peer_ids[ident] = None
                        table = e.peers
                    else:
                        e.model_ids.append(ident)
                        table = e.models
                    value = text_of(child)
                    if value is not None:
                        table[ident] = value
        else:
            for child in node.childNodes:
                walk(child, eval_id)

    walk(doc, None)
    return list(evals.values()), list(peer_ids)


def read_file_list(text: str, fmt: str, system: str = "X") -> list[Eval]:
    """A ``-z`` file list: ``peer model1 model2 ...`` per line, ``#`` comments; the
    evaluations are numbered from 1, the peers named ``system``, the models ``M.1``,
    ``M.2``, ..."""
    evals = []
    for line in perl_lines(text):
        if line.startswith("#") or not line.strip(" \t\n\r\f\v"):
            continue
        files = perl_split(line.strip(" \t\n\r\f\v"))
        if len(files) < 2:
            raise InputError("File list has to have at least 2 filenames per line "
                             "(peer model1 model2 ... modelN)")
        e = Eval(str(len(evals) + 1), format=fmt)
        e.peers[system] = files[0]
        for k, name in enumerate(files[1:], 1):
            e.models[f"M.{k}"] = name
            e.model_ids.append(f"M.{k}")
        evals.append(e)
    return evals
