"""The YAML exchange format (docs/exchange-format.md): reading it through the shared checker,
and writing it."""

from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from .checker import (
    ANSWER_KEYS,
    LANGUAGES,
    OPTION_KEYS,
    PAIR_KEYS,
    QUESTION_KEYS,
    SCENARIO_KEYS,
    Checker,
    ExchangeError,
    Node,
    Problem,
    normal_number,
    sorted_problems,
)

# Walking a composed YAML document expands aliases; cap it so a "billion laughs" file is refused.
_MAX_NODES = 1_000_000


# The format nests eight levels deep (file, scenario, questions, question, pairs, pair, answer,
# text); PyYAML composes recursively, so a file nested thousands deep would exhaust the stack.
_MAX_DEPTH = 40


class _TooBig(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing nesting deeper than _MAX_DEPTH at the line it starts."""

    depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > _MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _YamlTree:
    """Turn a composed YAML node into a Node tree; a value under a key gets the key's line."""

    _NULL = "tag:yaml.org,2002:null"

    def __init__(self) -> None:
        self.constructor = yaml.constructor.SafeConstructor()
        self.count = 0
        self.active: set[int] = set()
        self.resolved: dict[int, list[tuple[yaml.Node, yaml.Node]]] = {}

    def build(self, node: yaml.Node, line: int | None = None) -> Node:
        self.count += 1
        if self.count > _MAX_NODES:
            raise _TooBig
        if line is None:
            line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            if node.tag == self._NULL:
                return Node(line, "scalar")
            try:
                value = self.constructor.construct_object(node, deep=True)
            except yaml.YAMLError:
                value = node.value  # an unknown !tag: keep the text, checks will judge it
            return Node(line, "scalar", value=value, text=node.value)
        if id(node) in self.active:
            raise _TooBig  # an alias to an enclosing node: infinitely deep
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return Node(line, "seq", items=[self.build(child) for child in node.value])
            items = []
            for key_node, value_node in self.pairs(node):
                key_line = key_node.start_mark.line + 1
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                items.append((key, key_line, self.build(value_node, key_line)))
            return Node(line, "map", items=items)
        finally:
            self.active.discard(id(node))

    def pairs(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """The mapping's pairs with "<<" merge keys resolved: keys written here win."""
        if id(node) not in self.resolved:
            written = {id(key) for key, _ in node.value}
            self.constructor.flatten_mapping(node)  # merged pairs first, then the written ones
            merged: dict[object, tuple[yaml.Node, yaml.Node]] = {}
            own = []
            for key, value in node.value:
                if id(key) in written:
                    own.append((key, value))
                else:  # as PyYAML constructs it: a later merged key overrides an earlier one
                    merged[_key_name(key)] = (key, value)
            own_keys = {_key_name(key) for key, _ in own}
            self.resolved[id(node)] = [
                pair for name, pair in merged.items() if name not in own_keys
            ] + own
        return self.resolved[id(node)]


def _key_name(key: yaml.Node) -> object:
    return key.value if isinstance(key, yaml.ScalarNode) else id(key)


# --------------------------------------------------------------------------------------------
# YAML


def load_yaml(text: str, *, known_tags: set[str]) -> list[dict]:
    """Parse and check a YAML exchange file; return its scenarios normalised (module docstring).

    Raises ExchangeError listing every problem, with line numbers, if anything is wrong.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
        tree = _YamlTree().build(root) if root is not None else None
    except _TooDeep as error:
        raise ExchangeError(
            [Problem(error.line, "YAML", f"nested more than {_MAX_DEPTH} levels deep")]
        ) from None
    except RecursionError:  # aliases nesting each other: deep without being written deep
        raise ExchangeError(
            [Problem(None, "YAML", "the file nests too deeply (aliases)")]
        ) from None
    except yaml.MarkedYAMLError as error:
        raise ExchangeError([_yaml_problem(error)]) from None
    except yaml.YAMLError as error:
        raise ExchangeError([Problem(None, "YAML", f"malformed YAML: {error}")]) from None
    except _TooBig:
        raise ExchangeError(
            [Problem(None, "YAML", "the file expands to too much data (aliases)")]
        ) from None
    checker = Checker(known_tags)
    scenarios = checker.scenarios(tree)
    if checker.problems:
        raise ExchangeError(sorted_problems(checker.problems))
    return scenarios


def _yaml_problem(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else None
    message = f"malformed YAML: {error.problem or error.context}"
    if error.problem and error.context and error.context_mark is not None:
        message += f" ({error.context}, which starts at line {error.context_mark.line + 1})"
    return Problem(line, "YAML", message)


class _Decimal(str):
    """A number written as its exact decimal text (a YAML float in the file)."""


class _Flow(list):
    """A short list of codes, written on one line."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent lists under their key ("questions:\n  - code: Q1"), as people write them.
        return super().increase_indent(flow, False)


_Dumper.add_representer(
    _Decimal, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:float", str(data))
)
_Dumper.add_representer(
    _Flow,
    lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True),
)


def dump_yaml(scenarios: list[dict]) -> str:
    """Write scenarios in the exchange format, keys in the documented order.

    Keys other than the format's are kept, after the known ones, so nothing is silently lost
    (``load_yaml`` will then report them).
    """
    data = [_ordered_scenario(scenario) for scenario in scenarios]
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def _ordered(mapping: Any, order: tuple[str, ...], convert: dict | None = None) -> Any:
    if not isinstance(mapping, dict):
        return mapping
    convert = convert or {}
    result = {}
    for key in (*order, *(key for key in mapping if key not in order)):
        if key in mapping:
            value = mapping[key]
            result[key] = convert[key](value) if key in convert else value
    return result


def _text(value: Any) -> Any:
    return _ordered(value, LANGUAGES)


def _flow(value: Any) -> Any:
    return _Flow(value) if isinstance(value, list | tuple) else value


def _dump_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return value
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return value
    if not number.is_finite():
        return value
    normal = normal_number(number)
    return normal if isinstance(normal, int) else _Decimal(format(number, "f"))


def _each(convert: Any) -> Any:
    return lambda values: (
        [convert(value) for value in values] if isinstance(values, list | tuple) else values
    )


def _ordered_option(option: Any) -> Any:
    return _ordered(
        option,
        OPTION_KEYS,
        {"text": _text, "weight": _dump_number, "tags": _flow, "feedback": _text},
    )


def _ordered_pair(pair: Any) -> Any:
    return _ordered(
        pair,
        PAIR_KEYS,
        {
            "prompt": _text,
            "answer": _ordered_answer,
            "tags": _flow,
            "feedback": _text,
        },
    )


def _ordered_answer(answer: Any) -> Any:
    return _ordered(answer, ANSWER_KEYS, {"text": _text})


def _ordered_question(question: Any) -> Any:
    return _ordered(
        question,
        QUESTION_KEYS,
        {
            "stem": _text,
            "points": _dump_number,
            "tags": _flow,
            "options": _each(_ordered_option),
            "pairs": _each(_ordered_pair),
            "spare_answers": _each(_ordered_answer),
            "general_feedback": _text,
        },
    )


def _ordered_scenario(scenario: Any) -> Any:
    return _ordered(
        scenario,
        SCENARIO_KEYS,
        {
            "title": _text,
            "case_text": _text,
            "roles": _flow,
            "tags": _flow,
            "questions": _each(_ordered_question),
        },
    )
