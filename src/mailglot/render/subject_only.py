"""Whether a template's output depends on the job's subject variant only where it prints it.

The variants of a job differ in two context values: `subject` and `campaign.variant`. When
every template the job's template extends, includes or imports (and every one those reach)
reads `subject` only as a whole `{{ subject }}` written straight to the output (autoescaped:
no filter, test, call, capture or `{% autoescape %}` around it), never names `campaign` but
for `campaign.id`, and uses nothing that differs from one render to the next (`lipsum`,
`|random`), the variants' outputs are the same text but for the escaped subject at the
places it is printed (`render.variant_renders` renders it once).

Where a block's or another template's output goes is the business of the template that
places it, not of the one that fills it: a parent may put `{% block title %}` under a
`{% filter upper %}` or a `{% set %}` and a child fill it with `{{ subject }}`. So in every
template of the family, a block, include, import or extends has only straight nodes (`if`,
`for`, `with`, blocks) above it. Anything this reading cannot vouch for (a template name
computed at render time, a name `subject` bound by the template, `self`, `super()`, a
recursive loop, an imported template that reaches the subject by any path, a node it does
not know) says no.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from jinja2 import Environment, Template, TemplateError, nodes
from jinja2.meta import find_referenced_templates

SUBJECT = "subject"
CAMPAIGN = "campaign"
# Nodes whose output is written straight to the template's output, no filter or capture
_STRAIGHT = (
    nodes.Template,
    nodes.Output,
    nodes.If,
    nodes.For,
    nodes.With,
    nodes.Scope,
    nodes.Block,
)
# Nodes that place a block's or another template's output (or, for an import, that template's
# module) where they stand: only straight nodes may be above them
_PLACING = (nodes.Block, nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)
# `lipsum` writes other words each call; `self.block()` and `super()` hand a block's output
# to the template as a value
_CHANGING = frozenset({"lipsum", "self", "super"})


def _subject_only(tree: nodes.Template) -> tuple[bool, bool]:
    """(this template alone passes, it names `subject`); a template that fails is not read
    further."""
    names_subject = False
    stack: list[tuple[nodes.Node, tuple[nodes.Node, ...]]] = [(tree, ())]
    while stack:
        node, above = stack.pop()
        if isinstance(node, nodes.Name) and node.name == SUBJECT:
            names_subject = True
        if _refused(node, above):
            return False, names_subject
        for child in node.iter_child_nodes():
            stack.append((child, (*above, node)))
    return True, names_subject


def _refused(node: nodes.Node, above: tuple[nodes.Node, ...]) -> bool:
    if isinstance(node, nodes.Name):
        if node.name == SUBJECT:
            return node.ctx != "load" or not _printed_straight(node, above)
        if node.name == CAMPAIGN:
            return not _campaign_id(node, above)
        return node.name in _CHANGING
    if isinstance(node, nodes.Filter):
        return node.name == "random"
    if isinstance(node, nodes.For):
        return node.recursive  # `loop(...)` hands the body's output back as a value
    if isinstance(node, _PLACING):  # its output captured or filtered, by whoever fills it
        return not all(isinstance(a, _STRAIGHT) for a in above) or _binds_subject(node)
    if isinstance(node, nodes.Macro):
        return node.name == SUBJECT
    # an unscoped change of escaping (made by extensions) holds for all that follows it
    return type(node) is nodes.EvalContextModifier


def _binds_subject(node: nodes.Node) -> bool:
    """`{% import ... as subject %}`, `{% from ... import x as subject %}`: a template's own
    `subject`, hiding the context's."""
    if isinstance(node, nodes.Import):
        return node.target == SUBJECT
    if isinstance(node, nodes.FromImport):
        return any((name if isinstance(name, str) else name[1]) == SUBJECT for name in node.names)
    return False


def _printed_straight(name: nodes.Name, above: tuple[nodes.Node, ...]) -> bool:
    """`{{ subject }}` alone in an output, every node above it writing straight out."""
    if not above or not isinstance(above[-1], nodes.Output):
        return False
    if not any(child is name for child in above[-1].nodes):
        return False
    return all(isinstance(a, _STRAIGHT) for a in above)


def _campaign_id(name: nodes.Name, above: tuple[nodes.Node, ...]) -> bool:
    """`campaign.id` or `campaign["id"]`: the one part of `campaign` all variants share."""
    if name.ctx != "load" or not above:
        return False
    parent = above[-1]
    if isinstance(parent, nodes.Getattr):
        return parent.node is name and parent.attr == "id"
    if isinstance(parent, nodes.Getitem):
        arg = parent.arg
        return parent.node is name and isinstance(arg, nodes.Const) and arg.value == "id"
    return False


# template object -> (the family's template objects, verdict); an environment that loads a
# template again (a new object) is read again
_VERDICTS: WeakKeyDictionary[Template, tuple[tuple[tuple[str, Template], ...], bool]] = (
    WeakKeyDictionary()
)


def subject_only(env: Environment, name: str, template: Template) -> bool:
    """Whether the variants of a job of template `name` (loaded by `env` as `template`) may
    share one render (see the module's docstring)."""
    kept = _VERDICTS.get(template)
    if kept is not None:
        family, verdict = kept
        if all(env.get_template(member) is loaded for member, loaded in family):
            return verdict
    family, verdict = _read_family(env, name)
    if family and family[0][1] is template:
        _VERDICTS[template] = (family, verdict)
        return verdict
    return False


def _read_family(env: Environment, name: str) -> tuple[tuple[tuple[str, Template], ...], bool]:
    """The family's loaded templates and the verdict, read from the sources they were loaded
    from (a template whose file changed since it was loaded says no)."""
    if env.autoescape is not True or env.finalize is not None or env.loader is None:
        return (), False
    todo, seen = [name], set()
    family: list[tuple[str, Template]] = []
    imported: set[str] = set()
    subject_in: set[str] = set()
    reaches: dict[str, tuple[str, ...]] = {}
    passes = True
    syntax = (env.lexer, tuple(sorted(env.extensions)))
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        try:
            loaded = env.get_template(current)
            source = env.loader.get_source(env, current)[0]
            if not loaded.is_up_to_date:
                return (), False
            read = _read(env, syntax, current, source)
        except (TemplateError, OSError):
            return (), False
        family.append((current, loaded))
        alone, names_subject, imports, referenced = read
        passes = passes and alone
        if names_subject:
            subject_in.add(current)
        imported.update(imports)
        if referenced is None:  # a name computed at render time
            return tuple(family), False
        reaches[current] = referenced
        todo.extend(referenced)
    # an imported template's output is a value the importer can filter, and so is that of
    # every template it includes, extends or imports in turn
    return tuple(family), passes and not (_reached(imported, reaches) & subject_in)


def _reached(start: set[str], reaches: dict[str, tuple[str, ...]]) -> set[str]:
    """`start` and every template reached from it."""
    found, todo = set(start), list(start)
    while todo:
        for name in reaches.get(todo.pop(), ()):
            if name not in found:
                found.add(name)
                todo.append(name)
    return found


_Read = tuple[bool, bool, frozenset[str], tuple[str, ...] | None]
# (lexer and extensions, name, source) -> what `_read` found: every locale's environment
# parses alike, so each template is parsed once per process
_READ: dict[tuple[Any, str, str], _Read] = {}


def _read(env: Environment, syntax: Any, name: str, source: str) -> _Read:
    """(passes alone, names `subject`, the templates it imports, the templates it extends,
    includes or imports; None when one is named at render time)."""
    key = (syntax, name, source)
    found = _READ.get(key)
    if found is None:
        tree = env.parse(source, name)
        alone, names_subject = _subject_only(tree)
        imports = frozenset(
            node.template.value
            for node in tree.find_all((nodes.Import, nodes.FromImport))
            if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str)
        )
        names = tuple(find_referenced_templates(tree))
        referenced = None if None in names else tuple(n for n in names if n is not None)
        if len(_READ) >= 256:
            _READ.clear()
        found = _READ[key] = (alone, names_subject, imports, referenced)
    return found
