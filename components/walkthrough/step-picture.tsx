// Renders a step picture's SVG tree as React SVG elements (the same tree the PNG is made from).
import { createElement, type ReactNode } from "react";
import type { SvgNode } from "@/lib/server/walkthrough/picture/svg";

function toReact(node: SvgNode | string, key: number): ReactNode {
  if (typeof node === "string") return node;
  return createElement(
    node.tag,
    { key, ...node.attrs },
    ...node.children.map((child, i) => toReact(child, i)),
  );
}

export function StepPicture({ tree, className }: { tree: SvgNode; className?: string }) {
  const { width, height: _height, ...rest } = tree.attrs;
  return createElement(
    "svg",
    {
      ...rest,
      className,
      style: { maxWidth: `${width}px`, width: "100%", height: "auto" },
      "data-step-picture": "",
    },
    ...tree.children.map((child, i) => toReact(child, i)),
  );
}
