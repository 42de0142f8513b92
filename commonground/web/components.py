"""GOV.UK Frontend components as template tags, with the Design System's parameter names.

A macro's ``text`` is escaped and its ``html`` is not; where the Design System takes ``html``
for a component's content (inset text, details, notification banner, summary list rows), the
tag is a block and its body is the ``html``. ``{% capture as name %}`` gives a block of markup
to a tag's ``html`` parameter, such as a button's visually hidden context.
Camel-case names become snake case: ``idPrefix`` is ``id_prefix``, ``summaryText`` is
``summary_text``. The markup lives in ``web/components/``.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.template.base import FilterExpression, Parser, Token, token_kwargs
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _items(items: Iterable[Any], id_prefix: str, value: Any) -> list[dict[str, Any]]:
    """Radio or checkbox items from dicts (``value``, ``text``, ``checked``) or from a form
    field's ``(value, label)`` choices; ids as the Design System gives them: the prefix, then
    the prefix and the item's number from the second on."""
    chosen = {str(v) for v in value} if isinstance(value, list | tuple | set) else {str(value)}
    shown = []
    for number, item in enumerate(items, start=1):
        entry = dict(item) if isinstance(item, Mapping) else {"value": item[0], "text": item[1]}
        entry.setdefault("id", id_prefix if number == 1 else f"{id_prefix}-{number}")
        entry.setdefault("checked", value is not None and str(entry["value"]) in chosen)
        shown.append(entry)
    return shown


@register.inclusion_tag("web/components/button.html")
def govuk_button(
    text: str = "",
    html: str = "",
    href: str = "",
    type: str = "submit",
    name: str = "",
    value: str = "",
    classes: str = "",
    id: str = "",
) -> dict[str, Any]:
    """A button, or a link styled as one when it has an ``href``. Unlike the macro, the link
    gets no ``role="button"``: it navigates, so assistive technology should call it a link."""
    return {
        "text": text,
        "html": html,
        "href": href,
        "type": type,
        "name": name,
        "value": value,
        "classes": classes,
        "id": id,
    }


@register.inclusion_tag("web/components/tag.html")
def govuk_tag(
    text: Any = "",
    html: str = "",
    classes: str = "",
    id: str = "",
) -> dict[str, Any]:
    """A status tag; ``classes`` picks its colour (``govuk-tag--green``)."""
    return {"text": text, "html": html, "classes": classes, "id": id}


@register.inclusion_tag("web/components/back_link.html")
def govuk_back_link(href: str, text: str = "", html: str = "", classes: str = "") -> dict[str, Any]:
    """The back link above a page's main content; "Back" unless told otherwise."""
    return {"href": href, "text": text, "html": html, "classes": classes}


def _choices(
    kind: str,
    name: str,
    items: Iterable[Any],
    legend: str,
    hint: str,
    classes: str,
    id_prefix: str,
    value: Any,
    error_message: str,
) -> dict[str, Any]:
    prefix = id_prefix or name
    return {
        "kind": kind,
        "name": name,
        "items": _items(items, prefix, value),
        "legend": legend,
        "hint": hint,
        "classes": classes,
        "id_prefix": prefix,
        "error_messages": [error_message] if error_message else [],
    }


@register.inclusion_tag("web/components/choices.html")
def govuk_radios(
    name: str,
    items: Iterable[Any],
    legend: str = "",
    hint: str = "",
    classes: str = "",
    id_prefix: str = "",
    value: Any = None,
    error_message: str = "",
) -> dict[str, Any]:
    """Radios in a fieldset with its legend; ``value`` is the one checked."""
    return _choices("radios", name, items, legend, hint, classes, id_prefix, value, error_message)


@register.inclusion_tag("web/components/choices.html")
def govuk_checkboxes(
    name: str,
    items: Iterable[Any],
    legend: str = "",
    hint: str = "",
    classes: str = "",
    id_prefix: str = "",
    values: Iterable[Any] = (),
    error_message: str = "",
) -> dict[str, Any]:
    """Checkboxes in a fieldset with its legend; ``values`` are the ones checked."""
    return _choices(
        "checkboxes", name, items, legend, hint, classes, id_prefix, list(values), error_message
    )


class _BlockComponent(template.Node):
    """A component whose body is its ``html`` parameter."""

    def __init__(
        self, template_name: str, nodelist: template.NodeList, kwargs: dict[str, FilterExpression]
    ) -> None:
        self.template_name = template_name
        self.nodelist = nodelist
        self.kwargs = kwargs

    def values(self, context: template.Context) -> dict[str, Any]:
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        values["html"] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308 - rendered, so escaped already
        return values

    def render(self, context: template.Context) -> SafeString:
        component = context.template.engine.get_template(self.template_name)  # type: ignore[union-attr]
        return mark_safe(component.render(context.new(self.values(context))))  # noqa: S308


def _cell(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {"text": value}


class _Table(_BlockComponent):
    """The table; its body is its rows, and a ``govuk_table_head`` inside it gives the head.
    ``head`` and ``rows`` (lists of cells, each its text or a dict with ``text`` or ``html``,
    ``format``, ``classes``, ``colspan``) are the macro's, for a table a view builds, and come
    before the rows of the body."""

    def values(self, context: template.Context) -> dict[str, Any]:
        with context.push(_govuk_table={"head": ""}, _govuk_table_section="body"):
            values = super().values(context)
            values["head_html"] = context["_govuk_table"]["head"]
        values["head"] = [_cell(c) for c in values.get("head", ())]
        values["rows"] = [[_cell(c) for c in row] for row in values.get("rows", ())]
        return values


class _TableHead(template.Node):
    """The header cells of the table's head, lifted out of its body into ``<thead>``."""

    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        if "_govuk_table" not in context:
            raise template.TemplateSyntaxError("govuk_table_head belongs inside govuk_table")
        with context.push(_govuk_table_section="head"):
            context["_govuk_table"]["head"] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308 - rendered, so escaped already
        return ""


class _TableRow(_BlockComponent):
    """A row; ``data_status=...`` gives it ``data-status="..."`` (the macro's ``attributes``)."""

    def values(self, context: template.Context) -> dict[str, Any]:
        values = super().values(context)
        values["attributes"] = {
            key.replace("_", "-"): value for key, value in values.items() if key.startswith("data_")
        }
        return values


class _TableHeader(_BlockComponent):
    """A header cell: a column's in the head, a row's in the body."""

    def values(self, context: template.Context) -> dict[str, Any]:
        values = super().values(context)
        values["scope"] = "col" if context.get("_govuk_table_section") == "head" else "row"
        return values


class _SummaryListRow(_BlockComponent):
    """A row; the macro's ``actions.items`` are ``actions`` (dicts with ``href``, ``text``,
    ``visually_hidden_text``) from a view, or one action from a template as ``action_href``,
    ``action_text`` and ``action_visually_hidden_text``. ``value_id`` names the value.
    ``actions_html`` is the actions' list items as markup, for actions that are forms."""

    def values(self, context: template.Context) -> dict[str, Any]:
        values = super().values(context)
        actions = list(values.get("actions", ()))
        if values.get("action_href"):
            actions.append(
                {
                    "href": values["action_href"],
                    "text": values.get("action_text", ""),
                    "visually_hidden_text": values.get("action_visually_hidden_text", ""),
                }
            )
        values["actions"] = actions
        return values


def _block(tag: str, template_name: str, node: type[_BlockComponent] = _BlockComponent) -> None:
    def compile_block(parser: Parser, token: Token) -> _BlockComponent:
        bits = token.split_contents()[1:]
        kwargs = token_kwargs(bits, parser)
        if bits:
            raise template.TemplateSyntaxError(f"{tag} takes only keyword arguments")
        nodelist = parser.parse((f"end{tag}",))
        parser.delete_first_token()
        return node(template_name, nodelist, kwargs)

    register.tag(tag, compile_block)


@register.tag
def govuk_table_head(parser: Parser, token: Token) -> _TableHead:
    """``{% govuk_table_head %}header cells{% endgovuk_table_head %}`` inside a table."""
    nodelist = parser.parse(("endgovuk_table_head",))
    parser.delete_first_token()
    return _TableHead(nodelist)


# {% govuk_inset_text id=... %}html{% endgovuk_inset_text %}
_block("govuk_inset_text", "web/components/inset_text.html")
# {% govuk_details summary_text=... open=... id=... %}html{% endgovuk_details %}
_block("govuk_details", "web/components/details.html")
# {% govuk_notification_banner title_text=... type="success" title_id=... %}html{% end... %}
_block("govuk_notification_banner", "web/components/notification_banner.html")
# {% govuk_summary_list classes=... id=... %}rows{% endgovuk_summary_list %}
_block("govuk_summary_list", "web/components/summary_list.html")
# {% govuk_summary_list_row key=... value_id=... action_href=... action_text=...
#    action_visually_hidden_text=... %}value html{% endgovuk_summary_list_row %}
_block("govuk_summary_list_row", "web/components/summary_list_row.html", _SummaryListRow)
# {% govuk_table caption=... caption_classes=... classes=... id=... %}
#   {% govuk_table_head %}{% govuk_table_header format="numeric" %}…{% endgovuk_table_header %}…
#   {% endgovuk_table_head %}
#   {% govuk_table_row data_status=... %}{% govuk_table_header %}…{% endgovuk_table_header %}
#     {% govuk_table_cell format="numeric" classes=... colspan=... %}html{% endgovuk_table_cell %}
#   {% endgovuk_table_row %}
# {% endgovuk_table %}
_block("govuk_table", "web/components/table.html", _Table)
_block("govuk_table_row", "web/components/table_row.html", _TableRow)
_block("govuk_table_header", "web/components/table_header.html", _TableHeader)
_block("govuk_table_cell", "web/components/table_cell.html")


class _CaptureNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308 - rendered, so escaped already
        return ""


@register.tag
def capture(parser: Parser, token: Token) -> _CaptureNode:
    """``{% capture as name %}markup{% endcapture %}``: markup for a component's ``html``."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("capture is written {% capture as name %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return _CaptureNode(bits[2], nodelist)
