"""Write JSON Schemas of the front matter (schemas/*.schema.json) from the content model."""

import json
import sys

from guide.model import ArticleMeta, ExerciseMeta, ProgrammeMeta, allowed_tags
from guide.paths import ROOT


def main() -> int:
    out = ROOT / "schemas"
    out.mkdir(exist_ok=True)
    for name, model in (("article", ArticleMeta), ("exercise", ExerciseMeta), ("programme", ProgrammeMeta)):
        schema = model.model_json_schema()
        schema["properties"]["tags"]["items"] = {"enum": list(allowed_tags())}
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        text = json.dumps(schema, indent=2, sort_keys=True) + "\n"
        path = out / f"{name}.schema.json"
        if not path.exists() or path.read_text() != text:  # unchanged files are not rewritten
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
