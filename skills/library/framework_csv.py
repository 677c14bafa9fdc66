"""Read the government Digital and Data capability framework's CSV export ("role content").

Its columns: role family, role, role description, role level, role level description, skill
name, skill description, skill level, skill level description, role type.
Each row says: this role level needs this skill at this level. Names and descriptions repeat on
many rows; a file that contradicts itself is refused, naming the row and the column.

``parse_framework_csv`` only reads and checks; ``skills.library.services.framework_import_csv``
writes. Row numbers are the ones a spreadsheet shows: the header is row 1, the first entry row 2.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from loti_data.errors import RuleError
from loti_data.validators import single_line, storable_text
from skills.models import Proficiency, SkillGroup

COLUMNS = [
    "role family",
    "role",
    "role description",
    "role level",
    "role level description",
    "skill name",
    "skill description",
    "skill level",
    "skill level description",
    "role type",
]
REQUIRED_VALUES = ["role family", "role", "role level", "skill name", "skill level"]
MAX_LENGTHS = {
    "role family": 150,
    "role": 150,
    "role level": 150,
    "skill name": 200,
    "role type": 150,
}
# Names are single-line fields in the library; descriptions may span lines (quoted in the CSV).
SINGLE_LINE_COLUMNS = [
    "role family",
    "role",
    "role level",
    "skill name",
    "skill level",
    "role type",
]
MAX_PROBLEMS = 20
PROFICIENCY_BY_NAME = {label.lower(): value for value, label in Proficiency.choices}


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class FrameworkFileError(RuleError):
    """The file cannot be imported; ``problems`` says where and why. Nothing was saved."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


@dataclass
class Seen:
    value: str
    row: int


@dataclass
class ParsedFramework:
    """The file's content keyed by names, in the order things first appear."""

    rows: int = 0
    families: list[str] = field(default_factory=list)
    roles: dict[tuple[str, str], Seen] = field(default_factory=dict)
    levels: dict[tuple[str, str, str], dict[str, Seen]] = field(default_factory=dict)
    skills: dict[str, Seen] = field(default_factory=dict)
    skill_groups: dict[str, str] = field(default_factory=dict)
    skill_levels: dict[tuple[str, int], Seen] = field(default_factory=dict)
    needs: dict[tuple[str, str, str, str], tuple[int, int]] = field(default_factory=dict)


def skill_group_for_family(family: str) -> str:
    """A first guess at a skill's group from the role family it first appears in."""
    name = family.lower()
    if "innovation" in name:
        return SkillGroup.INNOVATION
    if name.startswith("data") or name.endswith(" data") or "analys" in name:
        return SkillGroup.DATA
    return SkillGroup.DIGITAL


def _normalise_header(header: str) -> str:
    return " ".join(header.replace("_", " ").strip().lower().split())


def _read_text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = _row_at(data[: error.start].decode("utf-8-sig"))
        raise FrameworkFileError(
            [
                Problem(
                    row,
                    None,
                    "is not UTF-8 text (a byte that is not a character in UTF-8): save the file "
                    "as 'CSV UTF-8' and retry.",
                )
            ]
        ) from error


def _row_at(text_before: str) -> int:
    """The spreadsheet row that holds the character after ``text_before``: a stand-in for that
    character either extends the last row or starts a new one."""
    try:
        return len(list(csv.reader(io.StringIO(text_before + "x", newline=""))))
    except csv.Error:
        return text_before.count("\n") + 1


def parse_framework_csv(data: bytes | str) -> ParsedFramework:
    """Check the whole file; raise FrameworkFileError listing (up to 20) problems."""
    reader = csv.reader(io.StringIO(_read_text(data), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise FrameworkFileError([Problem(None, None, "The file is empty.")]) from None
    except csv.Error as error:
        raise FrameworkFileError([Problem(1, None, f"not readable as CSV ({error}).")]) from None
    positions = {}
    for index, name in enumerate(header):
        positions.setdefault(_normalise_header(name), index)
    missing = [column for column in COLUMNS if column not in positions]
    if missing:
        names = ", ".join(f"'{column}'" for column in missing)
        raise FrameworkFileError(
            [
                Problem(
                    1,
                    None,
                    f"the header has no {names} column{'s' if len(missing) > 1 else ''}. "
                    f"The framework's CSV export has these columns: {', '.join(COLUMNS)}.",
                )
            ]
        )

    parsed = ParsedFramework()
    problems: list[Problem] = []
    row_number = 1
    try:
        for raw in reader:
            row_number += 1
            if not any(cell.strip() for cell in raw):
                continue
            values = {
                column: (raw[index].strip() if index < len(raw) else "")
                for column, index in positions.items()
                if column in COLUMNS
            }
            problems.extend(_read_row(parsed, row_number, values))
            parsed.rows += 1
            if len(problems) >= MAX_PROBLEMS:
                break
    except csv.Error as error:
        problems.append(Problem(row_number, None, f"not readable as CSV ({error})."))
    if not problems and parsed.rows == 0:
        problems.append(Problem(None, None, "The file has a header but no rows to import."))
    if problems:
        raise FrameworkFileError(problems[:MAX_PROBLEMS])
    return parsed


def _read_row(parsed: ParsedFramework, row: int, values: dict[str, str]) -> list[Problem]:
    problems = [
        Problem(row, column, "is empty; every row needs it.")
        for column in REQUIRED_VALUES
        if not values[column]
    ]
    problems += _text_problems(row, values)
    problems += [
        Problem(row, column, f"is longer than {limit} characters.")
        for column, limit in MAX_LENGTHS.items()
        if len(values[column]) > limit
    ]
    level = PROFICIENCY_BY_NAME.get(values["skill level"].lower())
    if values["skill level"] and level is None:
        problems.append(
            Problem(
                row,
                "skill level",
                f"'{values['skill level']}' is not a skill level: use awareness, working, "
                "practitioner or expert.",
            )
        )
    if problems:
        return problems

    family, role, role_level, skill = (
        values["role family"],
        values["role"],
        values["role level"],
        values["skill name"],
    )
    if family not in parsed.families:
        parsed.families.append(family)
    checks = [
        (parsed.roles, (family, role), "role description", "role"),
        (parsed.skills, skill, "skill description", "skill"),
        (parsed.skill_levels, (skill, level), "skill level description", "skill at this level"),
    ]
    for store, key, column, thing in checks:
        problem = _remember(store, key, values[column], row, column, thing)
        if problem:
            problems.append(problem)
    parsed.skill_groups.setdefault(skill, skill_group_for_family(family))

    level_fields = parsed.levels.setdefault((family, role, role_level), {})
    for column in ("role level description", "role type"):
        problem = _remember(level_fields, column, values[column], row, column, "role level")
        if problem:
            problems.append(problem)

    need_key = (family, role, role_level, skill)
    if need_key in parsed.needs and parsed.needs[need_key][0] != level:
        first_row = parsed.needs[need_key][1]
        problems.append(
            Problem(
                row,
                "skill level",
                f"row {first_row} gives this role level a different level for '{skill}'.",
            )
        )
    parsed.needs.setdefault(need_key, (level, row))
    return problems


def _text_problems(row: int, values: dict[str, str]) -> list[Problem]:
    """What the library's fields would refuse: a line break in a name, a NUL anywhere."""
    problems = []
    for column in COLUMNS:
        check = single_line if column in SINGLE_LINE_COLUMNS else storable_text
        try:
            check(values[column])
        except ValidationError as error:
            message = error.messages[0]
            problems.append(Problem(row, column, message[0].lower() + message[1:]))
    return problems


def _remember(store: dict, key, value: str, row: int, column: str, thing: str) -> Problem | None:
    """Keep the first value seen for ``key``; a later, different value is a contradiction."""
    seen = store.get(key)
    if seen is None:
        store[key] = Seen(value, row)
        return None
    if seen.value != value:
        return Problem(
            row, column, f"differs from row {seen.row} for the same {thing}; they must match."
        )
    return None
