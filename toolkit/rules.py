"""A form's rules: equations over column keys, and rows that must add up to a total.

``check = "total = collective + individual"`` holds on every row where its columns apply;
``check = "vs_plan = actual / plan * 100"`` with a ``tolerance`` holds where its operands are given.
``{ column = "actual", rows = [...], total = 100, tolerance = 0.5 }`` sums one column over rows.
The same rule gives the check on return, the live check or formula in the template, and the words
of its message, so they cannot disagree.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from . import texts
from .formats import number_vn

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


def _operands(node: ast.AST) -> list[str]:
    return [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]


def _is_additive(node: ast.AST) -> bool:
    """Only sums and differences of columns: blanks then count as 0, as a spreadsheet's SUM has them."""
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, (ast.Add, ast.Sub)) and _is_additive(node.left) and _is_additive(node.right)
    return isinstance(node, ast.Name)


@dataclass(frozen=True)
class RowRule:
    """``target = expression`` on each row; ``text`` is the rule as the form wrote it."""

    target: str
    text: str
    tolerance: float = 0.0
    tree: ast.expr = field(default=None, compare=False, repr=False)

    @cached_property
    def operands(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(_operands(self.tree)))

    @cached_property
    def additive(self) -> bool:
        return _is_additive(self.tree)

    def applies(self, row) -> bool:
        """On a row where its target applies and, unless it only adds, every operand does."""
        return row.applies(self.target) and (self.additive or all(row.applies(k) for k in self.operands))

    def value(self, values: Mapping[str, object]) -> float | None:
        """What the target should hold; None where it cannot be told (an operand missing or not a
        number, a zero divisor)."""
        values = {k: v if isinstance(v, (int, float)) and not isinstance(v, bool) else None
                  for k, v in values.items()}
        if self.additive:
            if all(values.get(k) is None for k in self.operands):
                return None
            return _evaluate(self.tree, {k: values.get(k) or 0 for k in self.operands})
        if any(values.get(k) is None for k in self.operands):
            return None
        return _evaluate(self.tree, values)

    def formula(self, cell: Callable[[str], str]) -> str:
        """The right side as a spreadsheet formula (without "="), blank until it can be computed."""
        body = _render(self.tree, cell, _FORMULA)
        if self.additive:
            return body
        guards = [f"ISNUMBER({cell(k)})" for k in self.operands]
        guards += [f"{_render(d, cell, _FORMULA)}<>0" for d in _divisors(self.tree)]
        return f'IF(AND({",".join(guards)}),{body},"")'

    def spoken(self, labels: Mapping[str, str]) -> str:
        """The right side in words, for messages: «Thực hiện 6 tháng : Kế hoạch năm 2020 × 100»."""
        return _render(self.tree, labels.__getitem__, texts.RULE_OPERATORS)


@dataclass(frozen=True)
class GroupRule:
    """The values of ``column`` over ``rows`` add up to ``total``, within ``tolerance``."""

    column: str
    rows: tuple[str, ...]
    total: float
    tolerance: float = 0.0


_FORMULA = {"+": "+", "-": "-", "*": "*", "/": "/"}


def _evaluate(node: ast.AST, values: Mapping[str, float]) -> float | None:
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.UnaryOp):
        inner = _evaluate(node.operand, values)
        return None if inner is None else -inner
    left, right = _evaluate(node.left, values), _evaluate(node.right, values)
    if left is None or right is None:
        return None
    op = _OPERATORS[type(node.op)]
    if op == "/":
        return None if right == 0 else left / right
    return left + right if op == "+" else left - right if op == "-" else left * right


def _render(node: ast.AST, name: Callable[[str], str], words: Mapping[str, str], outer: int = 0) -> str:
    if isinstance(node, ast.Name):
        return name(node.id)
    if isinstance(node, ast.Constant):
        return repr(node.value) if words is _FORMULA else number_vn(node.value)
    if isinstance(node, ast.UnaryOp):
        return "-" + _render(node.operand, name, words, 2)
    op = _OPERATORS[type(node.op)]
    level = 1 if op in "+-" else 2
    text = (f"{_render(node.left, name, words, level)} {words[op]} "
            f"{_render(node.right, name, words, level + (op in '-/'))}")
    if words is _FORMULA:
        text = text.replace(" ", "")
    return f"({text})" if level < outer else text


def _divisors(node: ast.AST) -> list[ast.AST]:
    return [n.right for n in ast.walk(node) if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div)]


# --- reading rules from a definition ------------------------------------------------------------------

def _number(r, data: dict, key: str, where: str, default: float | None = None) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise r.fail(f"{where}.{key}", texts.FORM_BAD_NUMBER)
    return float(value)


#: The keys of a rule on each row and of a rule over rows: (type, required).
ROW_RULE_SCHEMA = {"check": (str, True), "tolerance": (object, False)}
GROUP_RULE_SCHEMA = {"rows": (list, True), "column": (str, True), "total": (object, True),
                     "tolerance": (object, False)}


def read_rule(r, where: str, raw: object, values: Mapping, rows: Mapping) -> RowRule | GroupRule:
    """One entry of ``table.rules``; ``values``: the value columns by key, ``rows``: the rows by key."""
    if not isinstance(raw, dict):
        raise r.fail(where, texts.FORM_NOT_A_TABLE)
    if "check" in raw:
        data = r.table(raw, where, ROW_RULE_SCHEMA)
        return _row_rule(r, where, data["check"], _number(r, data, "tolerance", where, 0), values)
    data = r.table(raw, where, GROUP_RULE_SCHEMA)
    if data["column"] not in values:
        raise r.fail(f"{where}.column", texts.FORM_RULE_UNKNOWN_COLUMN.format(key=data["column"],
                                                                             keys=", ".join(values)))
    for i, key in enumerate(data["rows"]):
        if key not in rows:
            raise r.fail(f"{where}.rows[{i}]", texts.FORM_RULE_UNKNOWN_ROW.format(key=key))
    if len(data["rows"]) < 2:
        raise r.fail(f"{where}.rows", texts.FORM_RULE_FEW_ROWS)
    return GroupRule(data["column"], tuple(data["rows"]), _number(r, data, "total", where),
                     _number(r, data, "tolerance", where, 0))


def _row_rule(r, where: str, text: str, tolerance: float, values: Mapping) -> RowRule:
    at = f"{where}.check"
    target, equals, expression = text.partition("=")
    target = target.strip()
    try:
        tree = ast.parse(expression.strip(), mode="eval").body if equals else None
    except SyntaxError:
        tree = None
    if tree is None or not target.isidentifier() or any(
            not isinstance(n, (ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Load, ast.USub, *_OPERATORS))
            or (isinstance(n, ast.Constant) and (isinstance(n.value, bool) or not isinstance(n.value, (int, float))))
            for n in ast.walk(tree)):
        raise r.fail(at, texts.FORM_BAD_RULE.format(rule=text))
    for key in (target, *_operands(tree)):
        if key not in values:
            raise r.fail(at, texts.FORM_RULE_UNKNOWN_COLUMN.format(key=key, keys=", ".join(values)))
    if target in _operands(tree):
        raise r.fail(at, texts.FORM_RULE_CIRCULAR.format(key=target))
    if tolerance < 0:
        raise r.fail(f"{where}.tolerance", texts.FORM_BAD_NUMBER)
    return RowRule(target, text.strip(), tolerance, tree)
