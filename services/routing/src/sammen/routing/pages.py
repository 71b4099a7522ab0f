"""The staff UI (Danish, no JavaScript): login, inbox, case page and its actions, the coordinator's
overview and reach view, the association register, citizens' privacy requests (GDPR art. 15 and
17), and the public directory of agents."""

from __future__ import annotations

import json
import math
import re
from datetime import datetime, timedelta
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date
from flask_babel import gettext as _
from marshmallow import EXCLUDE, ValidationError
from marshmallow.validate import Email
from sqlalchemy import select

from sammen import privacy
from sammen.auth import (
    STAFF_COOKIE,
    TOKEN_SECONDS,
    StaffIdentity,
    current_staff,
    issue_token,
    signed_in_staff,
    staff_page,
)
from sammen.routing import login_attempts, queries, service
from sammen.routing.accounts import end_sessions, identity
from sammen.routing.api import PRIVACY_ROLES
from sammen.routing.domain import (
    AGE_GROUP_NAMES,
    CHANNEL_NAMES,
    COUNCILS,
    INITIATOR_VISIBLE,
    MIN_DECLINE_REASON,
    MIN_MESSAGE,
    STATUS_NAMES,
    TEAM_NAMES,
    THEME_NAMES,
    AnswerTemplateRefused,
    TransitionRefused,
    allowed_targets,
    parse_areas,
)
from sammen.routing.models import Association, StaffAccount
from sammen.routing.principles import default_period
from sammen.routing.schemas import PrinciplesQuerySchema
from sammen.routing.settings import login_rate_limit
from sammen.routing.sso.web import password_login_provider, provider_sign_out_url
from sammen.schemas import is_one_line
from sammen.vocabulary import N_, normalise_tracking_code
from sammen.web import limiter
from sammen.web.clock import now
from sammen.web.redirects import same_site_target

pages = Blueprint("pages", __name__, template_folder="templates", static_folder="static")
CASE_ROLES = ("agent", "coordinator")
VIEWS = {
    "mine": N_("Mine sager"),
    "team": N_("Mit team"),
    "ufordelt": N_("Ufordelte"),
    "alle": N_("Alle sager"),
}
GENTOFTE_DK = "https://www.gentofte.dk"
REACH_MONTHS = 12


def _one_line() -> str:
    """The refusal of a line break or control character in a one-line field (as `sammen.schemas`)."""
    return _("Skriv det på én linje, uden linjeskift eller andre styretegn")


def _database():  # type: ignore[no-untyped-def]
    return current_app.config["SAMMEN_DATABASE"]


@pages.app_context_processor
def _names() -> dict[str, Any]:
    return {
        "current_staff": current_staff,
        "status_names": STATUS_NAMES,
        "theme_names": THEME_NAMES,
        "team_names": TEAM_NAMES,
        "channel_names": CHANNEL_NAMES,
        "age_group_names": AGE_GROUP_NAMES,
        "council_names": COUNCILS,
        "privacy_roles": PRIVACY_ROLES,
        "sla_names": {
            "ok": _("Inden for fristen"),
            "at_risk": _("Frist i fare"),
            "breached": _("Frist overskredet"),
            "answered": _("Besvaret"),
        },
    }


@pages.app_template_filter("deadline_day")
def deadline_day(due: datetime, style: str = "full") -> str:
    """A deadline is the end of a working day: show that day, not the following midnight."""
    return format_date(due - timedelta(seconds=1), style)


# --- login ------------------------------------------------------------------------------------


def safe_next(target: str | None) -> str:
    """Only back to our own pages: a path here, or a page of one of Sammen's services."""
    origins = current_app.config["SAMMEN_SETTINGS"].base_urls.values()
    return same_site_target(target, fallback=url_for("pages.inbox"), origins=set(origins))


def login_limit() -> str:
    return login_rate_limit(current_app.config["SAMMEN_SETTINGS"])


@pages.get("/login")
def login() -> str:
    return render_template(
        "routing/login.html", values={}, errors={}, next=request.args.get("next", "")
    )


@pages.post("/login")
@limiter.limit(login_limit)
def login_post() -> Any:
    email = request.form.get("email", "").strip()
    password = request.form.get("password", "")
    target = request.form.get("next", "")
    errors = {}
    if not email:
        errors["email"] = _("Skriv din e-mailadresse")
    if not password:
        errors["password"] = _("Skriv din adgangskode")
    staff = None
    if not errors and (wait := login_attempts.seconds_locked(email)):
        return _locked_out(email, target, wait)
    if not errors:
        with _database().transaction() as session:
            account = password_login_provider().authenticate(session, email, password)
            staff = identity(account) if account else None
        if staff is None:
            login_attempts.record_failure(email)
            errors["form"] = _("E-mail eller adgangskode er forkert.")
    if staff is None:
        page = render_template(
            "routing/login.html", values={"email": email}, errors=errors, next=target
        )
        return page, 401 if "form" in errors else 422
    return start_staff_session(staff, safe_next(target))


def start_staff_session(staff: StaffIdentity, target: str) -> Response:
    """Signed in, by password or single sign-on: the staff cookie every service reads."""
    response = redirect(target, 303)
    response.set_cookie(
        STAFF_COOKIE,
        issue_token(current_app.config["SECRET_KEY"], staff),
        max_age=TOKEN_SECONDS,
        secure=current_app.config["SAMMEN_SETTINGS"].cookies_secure,
        httponly=True,
        samesite="Lax",
    )
    return response


def _locked_out(email: str, target: str, wait: int) -> tuple[str, int, dict[str, str]]:
    """The login form again, saying the account takes no password for a while (429)."""
    message = _(
        "Der er forsøgt for mange forkerte adgangskoder til denne konto, så den er spærret for "
        "login et stykke tid. Prøv igen om cirka %(minutes)s min., eller kontakt en administrator.",
        minutes=math.ceil(wait / 60),
    )
    page = render_template(
        "routing/login.html", values={"email": email}, errors={"form": message}, next=target
    )
    return page, 429, {"Retry-After": str(wait)}


@pages.get("/logout")
def logout_page() -> str:
    return render_template("routing/logout.html")


@pages.post("/logout")
def logout() -> Response:
    """Log out of every service: the account's sessions end everywhere, not just this cookie."""
    staff = current_staff()
    if staff is not None:
        with _database().transaction() as session:
            end_sessions(session, staff.id)
    response = redirect(provider_sign_out_url() or url_for("pages.login"), 303)
    response.delete_cookie(STAFF_COOKIE, httponly=True, samesite="Lax")
    return response


# --- the inbox --------------------------------------------------------------------------------


def _team_of(session: Any, staff: StaffIdentity) -> str | None:
    account = session.get(StaffAccount, staff.id)
    return account.team if account else None


@pages.get("/")
@staff_page()
def home() -> Response:
    return redirect(url_for("pages.inbox"))


@pages.get("/indbakke")
@staff_page(*CASE_ROLES)
def inbox() -> str:
    staff = signed_in_staff()
    default_view = "ufordelt" if staff.has_any(("coordinator",)) else "mine"
    view = request.args.get("visning", default_view)
    if view not in VIEWS:
        view = "mine"
    status = request.args.get("status", "")
    flt = queries.CaseFilter(
        view={"mine": "mine", "team": "team", "ufordelt": "unassigned"}.get(view, ""),
        status=status if status in STATUS_NAMES else "",
        theme=request.args.get("tema", "") if request.args.get("tema") in THEME_NAMES else "",
        text=request.args.get("q", "").strip()[:200],
        include_closed=request.args.get("lukkede") == "ja" or bool(status),
    )
    at = now()
    with _database().transaction() as session:
        account = session.get(StaffAccount, staff.id)
        cases = queries.find_cases(session, flt, at, staff.id, account.team if account else None)
        rows = [(case, service.case_sla(case, at)) for case in cases]
        return render_template(
            "routing/inbox.html",
            rows=rows,
            view=view,
            views=VIEWS,
            args=request.args,
            account=account,
        )


@pages.post("/fravaer")
@staff_page("agent")
def toggle_absence() -> Response:
    """An agent marks themself absent (no new cases) or back."""
    with _database().transaction() as session:
        account = session.get(StaffAccount, signed_in_staff().id)
        if account is None:
            abort(404)
        account.available = request.form.get("available") == "ja"
        flash(
            _("Du får nye sager igen.")
            if account.available
            else _("Du er markeret som fraværende og får ikke nye sager.")
        )
    return redirect(url_for("pages.inbox"), 303)


# --- the case page ----------------------------------------------------------------------------


def _render_case(case_id: str, errors: dict[str, str] | None = None, status: int = 200) -> Any:
    staff, at = signed_in_staff(), now()
    with _database().transaction() as session:
        try:
            case = service.open_case(session, case_id, staff, at)
        except service.NotFound:
            abort(404)
        targets = sorted(allowed_targets(case.status), key=list(STATUS_NAMES).index)
        choices = template_choices(session, case, targets)
        chosen = request.args.get("skabelon", type=int)
        page = render_template(
            "routing/case.html",
            case=case,
            sla=service.case_sla(case, at),
            targets=targets,
            answer_templates=choices,
            chosen_template=chosen,
            may_act=service.may_act_on(staff, case),
            may_assign=staff.has_any(("coordinator",))
            or (case.assignee_id is None and "agent" in staff.roles),
            agents=service.agents(session),
            similar=queries.similar_cases(session, case),
            councils=queries.suggested_councils(case),
            associations=queries.associations_for(session, case.theme),
            errors=errors or {},
            values=request.form if errors else template_prefill(choices, chosen),
            min_message=MIN_MESSAGE,
            min_decline=MIN_DECLINE_REASON,
            staff=staff,
        )
    return page, status


@pages.get("/sager/<case_id>")
@staff_page(*CASE_ROLES)
def case_page(case_id: str) -> Any:
    return _render_case(case_id)


def _acted(case_id: str, message: str) -> Response:
    flash(message)
    return redirect(url_for("pages.case_page", case_id=case_id), 303)


def _find(session: Any, case_id: str) -> Any:
    try:
        return service.get_case(session, case_id)
    except service.NotFound:
        abort(404)


def _load_for_action(session: Any, case_id: str) -> Any:
    """The case, if this staff member may act on it: the API's rule (`service.case_to_act_on`)."""
    try:
        return service.case_to_act_on(session, case_id, signed_in_staff())
    except service.NotFound:
        abort(404)
    except service.NotAllowed:
        abort(403)


def _valid_email(text: str) -> bool:
    try:
        Email()(text)
    except ValidationError:
        return False
    return True


def responsible_from_form(form: Any) -> dict[str, str]:
    """The hand-over fields of the answer form, as the API's `responsible`."""
    return {key: form.get(f"responsible_{key}", "") for key in ("unit", "name", "email")}


def _refusal_texts(target: str | None) -> dict[str, str]:
    message = _("Skriv en besked til initiativtageren på mindst %(n)s tegn", n=MIN_MESSAGE)
    if target == "declined":
        message = _(
            "Et afslag kræver en begrundelse til initiativtageren på mindst %(n)s tegn",
            n=MIN_DECLINE_REASON,
        )
    return {
        "to": _("Vælg en status, sagen kan gå til"),
        "message": message,
        "responsible_unit": _("Skriv, hvilken enhed der overtager sagen"),
    }


@pages.post("/sager/<case_id>/svar")
@staff_page(*CASE_ROLES)
def answer(case_id: str) -> Any:
    """Write to the initiator, moving the case to the chosen status (or keeping it)."""
    form = request.form
    responsible = responsible_from_form(form)
    if responsible["email"].strip() and not _valid_email(responsible["email"].strip()):
        return _render_case(case_id, {"responsible_email": _("Skriv en gyldig e-mailadresse")}, 422)
    if broken := [key for key, text in responsible.items() if not is_one_line(text)]:
        return _render_case(case_id, {f"responsible_{broken[0]}": _one_line()}, 422)
    try:
        with _database().transaction() as session:
            case = _load_for_action(session, case_id)
            service.transition(
                session,
                case,
                form.get("to") or case.status,
                form.get("message"),
                form.get("note"),
                signed_in_staff(),
                now(),
                responsible=responsible if responsible["unit"].strip() else None,
            )
    except TransitionRefused as refused:
        field = {"responsible": "responsible_unit"}.get(refused.field, refused.field)
        field = field if field in ("message", "responsible_unit") else "to"
        return _render_case(case_id, {field: _refusal_texts(form.get("to"))[field]}, 422)
    return _acted(case_id, _("Beskeden er sendt til initiativtageren."))


@pages.post("/sager/<case_id>/note")
@staff_page(*CASE_ROLES)
def note(case_id: str) -> Any:
    try:
        with _database().transaction() as session:
            case = _load_for_action(session, case_id)
            service.add_note(
                session, case, request.form.get("note_text", ""), signed_in_staff(), now()
            )
    except service.Refused:
        return _render_case(case_id, {"note_text": _("Skriv noten")}, 422)
    return _acted(case_id, _("Noten er gemt. Den er kun synlig for medarbejdere."))


@pages.post("/sager/<case_id>/tildel")
@staff_page(*CASE_ROLES)
def assign(case_id: str) -> Any:
    agent = request.form.get("agent", "")
    if not agent.isdigit():
        return _render_case(case_id, {"agent": _("Vælg en sparringsagent")}, 422)
    staff = signed_in_staff()
    try:
        with _database().transaction() as session:
            case = _find(session, case_id)
            if not service.may_assign(staff, case, int(agent)):
                abort(403)
            service.reassign(session, case, int(agent), staff, now())
    except service.Refused:
        return _render_case(case_id, {"agent": _("Vælg en anden aktiv sparringsagent")}, 422)
    return _acted(case_id, _("Sagen er tildelt."))


@pages.post("/sager/<case_id>/kobling")
@staff_page(*CASE_ROLES)
def link(case_id: str) -> Any:
    kind = request.form.get("kind", "")
    target = request.form.get(f"target_{kind}", "") if kind else ""
    try:
        with _database().transaction() as session:
            case = _load_for_action(session, case_id)
            service.add_link(session, case, kind, target, signed_in_staff(), now())
    except service.Refused as refused:
        field = "kind" if refused.field == "kind" else f"target_{kind}"
        texts = {
            "kind": _("Vælg, hvad sagen skal kobles til"),
        }
        return _render_case(case_id, {field: texts.get(field, _("Vælg et gyldigt mål"))}, 422)
    return _acted(case_id, _("Koblingen er gemt."))


@pages.post("/sager/<case_id>/offentliggoer")
@staff_page(*CASE_ROLES)
def publish(case_id: str) -> Any:
    try:
        with _database().transaction() as session:
            case = _load_for_action(session, case_id)
            service.publish(
                session, case, request.form.get("summary", ""), signed_in_staff(), now()
            )
    except service.Refused as refused:
        texts = {
            "consent": _("Initiativtageren har ikke givet samtykke til offentliggørelse"),
            "case": _("Sagen er allerede offentliggjort"),
            "summary": _(
                "Skriv en gennemset offentlig tekst på mindst %(n)s tegn", n=service.MIN_SUMMARY
            ),
        }
        return _render_case(case_id, {"summary": texts[refused.field]}, refused.status)
    return _acted(case_id, _("Idéen er offentliggjort i Idébanken."))


# --- coordinators -----------------------------------------------------------------------------


@pages.get("/overblik")
@staff_page("coordinator")
def overview() -> str:
    with _database().transaction() as session:
        return render_template("routing/overview.html", o=queries.overview(session, now()))


@pages.get("/raekkevidde")
@staff_page("coordinator")
def reach() -> str:
    since = now() - timedelta(days=31 * REACH_MONTHS)
    with _database().transaction() as session:
        return render_template("routing/reach.html", r=queries.reach(session, since))


@pages.get("/principper")
@staff_page("coordinator")
def principles() -> Any:
    """The six principles for a chosen period (the API's figures, as a table)."""
    try:
        # Other query parameters (the page's language) are not the period's business.
        args = PrinciplesQuerySchema(unknown=EXCLUDE).load(request.args)
    except ValidationError as invalid:
        field = "to" if "to" in invalid.messages else "from"
        error = _("Vælg en periode: fra-datoen før til-datoen, skrevet som ÅÅÅÅ-MM-DD")
        page = render_template(
            "routing/principles.html", figures=[], period=None, errors={field: error}
        )
        return page, 422
    period = default_period(now(), args["first"], args["last"])
    with _database().transaction() as session:
        return render_template(
            "routing/principles.html",
            figures=queries.principle_figures(session, period),
            period=period,
            days=(format_date(period.first, "long"), format_date(period.last, "long")),
            errors={},
        )


@pages.get("/foreninger")
@staff_page(*CASE_ROLES)
def associations() -> str:
    return _render_associations({}, {})[0]


def _render_associations(values: dict[str, Any], errors: dict[str, str]) -> tuple[str, int]:
    with _database().transaction() as session:
        listed = list(session.scalars(select(Association).order_by(Association.name)))
        page = render_template(
            "routing/associations.html", associations=listed, values=values, errors=errors
        )
    return page, 422 if errors else 200


@pages.post("/foreninger")
@staff_page(*CASE_ROLES)
def add_association() -> Any:
    form = request.form
    values = {"name": form.get("name", "").strip(), "contact": form.get("contact", "").strip()}
    areas = parse_areas(form.getlist("areas"))
    errors = {}
    if not 2 <= len(values["name"]) <= 160:
        errors["name"] = _("Skriv foreningens navn")
    if not 3 <= len(values["contact"]) <= 254:
        errors["contact"] = _("Skriv en kontakt (e-mail eller telefon)")
    errors |= {key: _one_line() for key, text in values.items() if not is_one_line(text)}
    with _database().transaction() as session:
        if not errors and session.scalar(
            select(Association.id).where(Association.name == values["name"])
        ):
            errors["name"] = _("Foreningen findes allerede i registret")
        if not errors:
            session.add(
                Association(name=values["name"], contact=values["contact"], areas=",".join(areas))
            )
    if errors:
        return _render_associations(values | {"areas": areas}, errors)
    flash(_("Foreningen er tilføjet."))
    return redirect(url_for("pages.associations"), 303)


# --- answer templates ---------------------------------------------------------------------------

TEMPLATE_FIELDS = ("status", "language", "title", "text")
LANGUAGE_NAMES = {"da": N_("På dansk"), "en": N_("På engelsk")}


def _template_error(field: str) -> str:
    texts = {
        "status": _("Vælg den status, teksten hører til"),
        "language": _("Vælg dansk eller engelsk"),
        "title": _("Skriv en kort titel (højst 80 tegn)"),
        "text": _(
            "Skriv teksten: mindst %(n)s tegn, ved afslag mindst %(d)s tegn",
            n=MIN_MESSAGE,
            d=MIN_DECLINE_REASON,
        ),
    }
    return texts[field]


def _render_templates(
    values: dict[str, str], errors: dict[str, str], editing: Any = None
) -> tuple[str, int]:
    with _database().transaction() as session:
        page = render_template(
            "routing/answer_templates.html",
            templates=service.answer_templates(session),
            statuses=[s for s in STATUS_NAMES if s in INITIATOR_VISIBLE],
            language_names=LANGUAGE_NAMES,
            editing=editing,
            values=values,
            errors=errors,
        )
    return page, 422 if errors else 200


@pages.get("/svarskabeloner")
@staff_page(*CASE_ROLES)
def answer_templates() -> Any:
    return _render_templates({}, {})


@pages.get("/svarskabeloner/<int:template_id>")
@staff_page(*CASE_ROLES)
def answer_template(template_id: int) -> Any:
    with _database().transaction() as session:
        try:
            template = service.get_answer_template(session, template_id)
        except service.NotFound:
            abort(404)
        values = {name: getattr(template, name) for name in TEMPLATE_FIELDS}
    return _render_templates(values, {}, editing=template_id)


@pages.post("/svarskabeloner")
@pages.post("/svarskabeloner/<int:template_id>")
@staff_page(*CASE_ROLES)
def save_answer_template(template_id: int | None = None) -> Any:
    """Add a template, or change one: every agent keeps the shared texts up to date."""
    values = {name: request.form.get(name, "") for name in TEMPLATE_FIELDS}
    try:
        with _database().transaction() as session:
            template = None
            if template_id is not None:
                try:
                    template = service.get_answer_template(session, template_id)
                except service.NotFound:
                    abort(404)
            service.save_answer_template(session, template, values, signed_in_staff(), now())
    except AnswerTemplateRefused as refused:
        return _render_templates(
            values, {refused.field: _template_error(refused.field)}, template_id
        )
    flash(_("Svarskabelonen er gemt."))
    return redirect(url_for("pages.answer_templates"), 303)


def template_choices(session: Any, case: Any, targets: list[str]) -> list[Any]:
    """The templates an answer on this case may start from: its status and where it can go."""
    usable = {case.status, *targets} & INITIATOR_VISIBLE
    return [t for t in service.answer_templates(session) if t.status in usable]


def template_prefill(choices: list[Any], chosen: int | None) -> dict[str, str]:
    """The answer form filled from the chosen template: its status and its text, to edit."""
    for template in choices:
        if template.id == chosen:
            return {"to": template.status, "message": template.text}
    return {}


# --- public -----------------------------------------------------------------------------------


@pages.get("/sparringsagenter")
def directory() -> Response:
    """The public directory, made to be embedded on gentofte.dk."""
    with _database().transaction() as session:
        body = render_template("routing/directory.html", agents=service.agents(session))
    response = Response(body)
    response.frame_ancestors = GENTOFTE_DK  # type: ignore[attr-defined]
    return response


# --- privacy requests (GDPR art. 15 and 17) ---------------------------------------------------

PRIVACY_KINDS = {"access": N_("Indsigt (art. 15)"), "erasure": N_("Sletning (art. 17)")}
# What staff call each service; a holder of personal data without a name here fails at import.
SERVICE_NAMES = {
    "routing": N_("Sager"),
    "intake": N_("Idéer"),
    "notify": N_("Beskeder"),
    "calendar": N_("Kalender"),
    "dialogue": N_("Moderering (digital dialog)"),
    "idea_board": N_("Idébanken"),
    "hearing": N_("Høringer"),
    "theme_discussion": N_("Temadrøftelser"),
    "realisation": N_("Følg realiseringen"),
}
# Every holder answers each request (docs/events.md, person.*); their reports are awaited.
PRIVACY_SERVICES = {name: SERVICE_NAMES[name] for name in privacy.HOLDERS}
# The record kinds the services count in their reports; an unknown key is shown as it is.
RECORD_KINDS = {
    "cases": N_("Sager"),
    "ideas": N_("Idéer"),
    "contacts": N_("Kontaktoplysninger"),
    "messages": N_("Beskeder"),
    "preferences": N_("Mailindstillinger"),
    "registrations": N_("Tilmeldinger"),
    "joins": N_("Tilslutninger"),
    "comments": N_("Kommentarer"),
    "responses": N_("Høringssvar"),
    "discussion_answers": N_("Svar til temadrøftelser"),
    "members": N_("Udvalgsmedlemskaber"),
    "followers": N_("Følger anbefalinger"),
    "questions": N_("Spørgsmål til ansvarlige"),
    "contributions": N_("Anmeldte bidrag"),
    "exports": N_("Tidligere udtræk"),
}
TRACKING_CODE = re.compile(r"[A-Z0-9]{4}-?[A-Z0-9]{4}")


def privacy_form_errors(values: dict[str, str]) -> dict[str, str]:
    """The form's errors by field: exactly one of e-mail and tracking code, a kind, and for an
    erasure the confirmation that the citizen's identity was checked."""
    errors = {}
    email, code = values["email"], values["tracking_code"]
    if not email and not code:
        errors["email"] = _("Skriv borgerens e-mail eller en sporingskode")
    elif email and code:
        errors["tracking_code"] = _("Udfyld kun ét felt: borgerens e-mail eller sporingskoden")
    elif email:
        if not _valid_email(email):
            errors["email"] = _("Skriv en gyldig e-mailadresse, fx navn@example.dk")
    elif not TRACKING_CODE.fullmatch(code):
        errors["tracking_code"] = _("Skriv sporingskoden som på kvitteringen, fx ACDF-HJKM")
    if values["kind"] not in PRIVACY_KINDS:
        errors["kind"] = _("Vælg indsigt eller sletning")
    elif values["kind"] == "erasure" and values["confirm"] != "ja":
        errors["confirm"] = _(
            "Bekræft, at du har kontrolleret borgerens identitet. En sletning kan ikke fortrydes"
        )
    return errors


def _privacy_form(values: dict[str, str], errors: dict[str, str]) -> tuple[str, int]:
    page = render_template(
        "routing/privacy.html", values=values, errors=errors, kinds=PRIVACY_KINDS
    )
    return page, 422 if errors else 200


@pages.get("/persondata")
@staff_page(*PRIVACY_ROLES)
def privacy() -> str:
    return _privacy_form({}, {})[0]


@pages.post("/persondata")
@staff_page(*PRIVACY_ROLES)
def privacy_post() -> Any:
    """Create the request through the same use cases as the API, then show its reports."""
    form = request.form
    values = {
        "email": form.get("email", "").strip()[:254],
        "tracking_code": normalise_tracking_code(form.get("tracking_code", "")[:40]),
        "kind": form.get("kind", ""),
        "confirm": form.get("confirm", ""),
    }
    errors = privacy_form_errors(values)
    if errors:
        return _privacy_form(values, errors)
    ask = service.request_access if values["kind"] == "access" else service.request_erasure
    with _database().transaction() as session:
        result = ask(
            session,
            values["email"] or None,
            values["tracking_code"] or None,
            signed_in_staff(),
            now(),
        )
    flash(
        _("Anmodningen om indsigt er sendt til alle tjenester.")
        if values["kind"] == "access"
        else _("Anmodningen om sletning er sendt til alle tjenester.")
    )
    return redirect(url_for("pages.privacy_request", request_id=result.request_id), 303)


def privacy_rows(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per service, the expected ones first (answered or awaiting), then any other; its
    texts translated here, as plain text: what a service reports is data, never markup."""
    by_service = {report["service"]: report for report in reports}
    expected = [(name, by_service.get(name)) for name in PRIVACY_SERVICES]
    others = [(r["service"], r) for r in reports if r["service"] not in PRIVACY_SERVICES]
    rows = []
    for name, report in expected + others:
        row: dict[str, Any] = {"service": name, "name": _label(PRIVACY_SERVICES, name)}
        if report is not None:
            row["counts"] = [
                (_label(RECORD_KINDS, str(key)), count)
                for key, count in (report["summary"] or {}).items()
            ]
            row["kept"] = _(report["kept"]) if report["kept"] else None
            row["received_at"] = report["received_at"]
        rows.append(row)
    return rows


def _label(names: dict[str, str], key: str) -> str:
    return _(names[key]) if key in names else key


@pages.get("/persondata/<request_id>")
@staff_page(*PRIVACY_ROLES)
def privacy_request(request_id: str) -> str:
    with _database().transaction() as session:
        reports = service.privacy_reports(session, request_id)
        if reports:  # opening the reports is recorded, as in the API
            service.audit(session, signed_in_staff(), "privacy_report", None, now())
    if not reports:  # routing's own report is stored with the request: no such request
        abort(404)
    rows = privacy_rows(reports)
    return render_template(
        "routing/privacy_request.html",
        request_id=request_id,
        kind=reports[0]["kind"],
        rows=rows,
        waiting=sum(1 for row in rows if "received_at" not in row),
        has_export=any(r["data"] is not None for r in reports if r["kind"] == "access"),
    )


def combined_export(request_id: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Every service's export in one document, saying which services have not answered yet."""
    answered = {report["service"] for report in reports}
    return {
        "request_id": request_id,
        "reports": [
            {
                "service": report["service"],
                "received_at": report["received_at"].isoformat(),
                "summary": report["summary"],
                "data": report["data"],
            }
            for report in reports
        ],
        "awaiting": [name for name in PRIVACY_SERVICES if name not in answered],
    }


@pages.get("/persondata/<request_id>/udtraek.json")
@staff_page(*PRIVACY_ROLES)
def privacy_export(request_id: str) -> Response:
    """The combined export to hand to the citizen; downloading it is recorded."""
    with _database().transaction() as session:
        reports = [r for r in service.privacy_reports(session, request_id) if r["kind"] == "access"]
        if not any(r["data"] is not None for r in reports):
            abort(404)  # no such access request, or its export is dropped already
        service.audit(session, signed_in_staff(), "privacy_export", None, now())
    body = json.dumps(combined_export(request_id, reports), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    name = re.sub(r"[^A-Za-z0-9-]", "", request_id)[:40]
    response.headers["Content-Disposition"] = f'attachment; filename="udtraek-{name}.json"'
    return response
