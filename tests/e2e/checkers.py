"""axe-core and the Nu HTML Checker, from the npm packages of package.json (`npm ci`, which
`make test` runs), and the keyboard walk through a page."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.1, levels A and AA (axe also runs its rules of 2.0, which 2.1 includes).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def needs(path, what):
    if not path.exists():
        pytest.skip(f"{what} introuvable ({path}) : lancez `npm ci` (make test le fait)")


def axe_violations(page):
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now.

    The script is evaluated through the DevTools protocol, which the page's
    Content-Security-Policy does not apply to: the page itself runs only its own scripts."""
    needs(AXE_JS, "axe-core")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        WCAG_TAGS,
    )
    assert result["passes"], "axe n’a rien vérifié"
    return result["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary']}".replace("\n", " "))
    return "\n".join(lines)


def vnu_errors(files):
    """The Nu HTML Checker's errors, by file: one Java start for all the files."""
    needs(VNU_JAR, "vnu-jar")
    java = shutil.which("java")
    if not java:
        pytest.skip("Java introuvable : le Nu HTML Checker en a besoin")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = {Path(file).name: [] for file in files}
    for message in messages:
        name = Path(message.get("url", "").removeprefix("file:")).name
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message['message']} [{message.get('extract', '').strip()}]"
        )
    return errors


# What the focused element is and how it shows its focus; `null` once the focus has left the
# page or come back to an element it already visited.
FOCUSED_ELEMENT = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) return null;
  window.__focusVisited = window.__focusVisited || new Set();
  if (window.__focusVisited.has(element)) return null;
  window.__focusVisited.add(element);
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const label = (element.getAttribute("aria-label") || element.textContent || element.value || "")
    .trim().replace(/\\s+/g, " ").slice(0, 60);
  return {
    element: `${element.tagName.toLowerCase()}${element.id ? "#" + element.id : ""}`
      + `${element.className && typeof element.className === "string" ? "." + element.className.trim().split(/\\s+/).join(".") : ""}`
      + ` « ${label} »`,
    focusVisible: element.matches(":focus-visible"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
    width: box.width,
    height: box.height,
    inViewport: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
    hidden: style.visibility === "hidden" || parseFloat(style.opacity) === 0
      || element.closest("[aria-hidden=true], [inert]") !== null,
  };
}"""


def focus_walk(page, limit=400):
    """Press Tab through the whole page; what each focused element was and how it showed it."""
    visited = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_ELEMENT)
        if focused is None:
            return visited
        visited.append(focused)
    raise AssertionError(f"plus de {limit} éléments focalisables : la tabulation tourne en rond ?")


def focus_problems(visited):
    """The elements whose focus a sighted keyboard user could not see."""
    problems = []
    for focused in visited:
        if not focused["focusVisible"]:
            problems.append(f"{focused['element']}: pas de :focus-visible")
        elif not (focused["outline"] or focused["shadow"]):
            problems.append(f"{focused['element']}: aucun contour de focus")
        if focused["width"] < 4 or focused["height"] < 4 or focused["hidden"]:
            problems.append(f"{focused['element']}: focalisable mais invisible")
        elif not focused["inViewport"]:
            problems.append(f"{focused['element']}: focalisé hors de l’écran")
    return problems
