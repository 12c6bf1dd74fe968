#!/usr/bin/env python3
"""Reads the DAG files with Python's ast (Airflow is not needed) and prints, as JSON, each DAG's
id, schedule, tasks (operator, java_class, application_args) and dependency edges, with the
tasks in a topological order. With --render DATE, templated arguments are rendered for the DAG
run whose data interval starts at DATE (UTC) and --var NAME=VALUE stands in for Airflow Variables.

Usage: dag_inspect.py DAG_FOLDER [--render 2026-02-03[T05:00:00]] [--var monitoring_config=conf/local.conf]
"""
import argparse
import ast
import json
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

SCHEDULE_LENGTH = {"@hourly": timedelta(hours=1), "@daily": timedelta(days=1), "@weekly": timedelta(days=7)}


def constants(tree, folder):
    """Module-level string constants, including those imported from sibling modules."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and (folder / (node.module + ".py")).exists():
            sibling = ast.parse((folder / (node.module + ".py")).read_text())
            inherited = constants(sibling, folder)
            for alias in node.names:
                if alias.name in inherited:
                    found[alias.asname or alias.name] = inherited[alias.name]
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return found


def value(node, consts):
    if isinstance(node, ast.Name) and node.id in consts:
        return consts[node.id]
    if isinstance(node, ast.List):
        return [value(e, consts) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {value(k, consts): value(v, consts) for k, v in zip(node.keys, node.values)}
    return ast.literal_eval(node)


def task_names(node):
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [n for e in node.elts for n in task_names(e)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
        return task_names(node.right)
    raise ValueError("unsupported dependency expression: " + ast.dump(node))


def edges_of(node, out):
    """a >> b >> [c, d] >> e: each step links every task on the left to every task on the right."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
        edges_of(node.left, out)
        for left in task_names(node.left):
            for right in task_names(node.right):
                out.append([left, right])


def inspect(path):
    folder = path.parent
    tree = ast.parse(path.read_text())
    consts = constants(tree, folder)
    dag = {"file": path.name, "tasks": [], "edges": []}
    variables = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "DAG":
            for kw in node.keywords:
                if kw.arg in ("dag_id", "schedule", "catchup", "max_active_runs"):
                    dag[kw.arg] = value(kw.value, consts)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and isinstance(node.targets[0], ast.Name):
            call = node.value
            operator = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if not operator or not operator[0].isupper() or operator == "DAG":
                continue
            kwargs = {}
            for kw in call.keywords:
                try:
                    kwargs[kw.arg] = value(kw.value, consts)
                except ValueError:
                    kwargs[kw.arg] = None
            variables[node.targets[0].id] = kwargs.get("task_id")
            dag["tasks"].append({
                "task_id": kwargs.get("task_id"),
                "operator": operator,
                "java_class": kwargs.get("java_class"),
                "application": kwargs.get("application"),
                "application_args": kwargs.get("application_args"),
                "retries": kwargs.get("retries"),
            })
        if isinstance(node, ast.Expr):
            raw = []
            edges_of(node.value, raw)
            dag["edges"].extend([[variables[a], variables[b]] for a, b in raw])
    dag["order"] = topological(dag)
    return dag


def topological(dag):
    ids = [t["task_id"] for t in dag["tasks"]]
    incoming = {t: set() for t in ids}
    for a, b in dag["edges"]:
        incoming[b].add(a)
    order = []
    while incoming:
        ready = sorted(t for t, deps in incoming.items() if not deps - set(order))
        if not ready:
            raise ValueError("cycle in " + dag.get("dag_id", "?"))
        # keep the file's order among tasks that are ready together
        ready.sort(key=ids.index)
        order.append(ready[0])
        del incoming[ready[0]]
    return order


TEMPLATE = re.compile(r"\{\{\s*(.*?)\s*\}\}")
VAR_GET = re.compile(r"var\.value\.get\('([^']+)',\s*'([^']*)'\)")


def render(text, start, end, variables):
    def one(match):
        expr = match.group(1)
        if expr == "data_interval_start.isoformat()":
            return start.isoformat()
        if expr == "data_interval_end.isoformat()":
            return end.isoformat()
        if expr == "ds":
            return start.strftime("%Y-%m-%d")
        got = VAR_GET.fullmatch(expr)
        if got:
            return variables.get(got.group(1), got.group(2))
        raise ValueError("template not supported by the local renderer: {{ %s }}" % expr)
    return TEMPLATE.sub(one, text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--render")
    parser.add_argument("--var", action="append", default=[])
    args = parser.parse_args()
    folder = Path(args.folder)
    dags = [inspect(p) for p in sorted(folder.glob("*.py")) if "DAG(" in p.read_text()]
    if args.render:
        start = datetime.fromisoformat(args.render)
        start = start.replace(tzinfo=start.tzinfo or timezone.utc)
        variables = dict(v.split("=", 1) for v in args.var)
        for dag in dags:
            end = start + SCHEDULE_LENGTH[dag["schedule"]]
            dag["data_interval"] = [start.isoformat(), end.isoformat()]
            for task in dag["tasks"]:
                if task["application_args"]:
                    task["application_args"] = [render(a, start, end, variables) for a in task["application_args"]]
    json.dump(dags, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
