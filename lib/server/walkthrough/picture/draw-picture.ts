// Draws one step picture from a resolved PictureSpec: the client's dialog (theme chrome +
// widgets laid out top to bottom, the field to change outlined in orange) and, under it, a
// band with the customer's own values so every picture, printed alone, still carries them.
import type { Widget } from "../content-model";
import type { WalkthroughValues } from "../values";
import { el, fittedText, wrapWords, type SvgNode } from "./svg";
import { THEMES, type Theme } from "./themes";

/** A widget whose texts are plain strings (protocol variants and tokens already resolved). */
export type ResolvedWidget = Widget & { resolved: true };
export type ResolvedPicture = { frame: keyof typeof THEMES; title: string; widgets: Widget[] };

const HIGHLIGHT = "#FF6A00";
const BAND_HEIGHT = 54;

const s = (t: unknown): string => (typeof t === "string" ? t : "");

type Placed = {
  nodes: SvgNode[];
  height: number;
  highlightBox?: { x: number; y: number; w: number; h: number };
};

function label(theme: Theme, text: string, x: number, y: number, maxWidth: number, attrs = {}) {
  return fittedText(text, x, y, theme.size, maxWidth, { fill: theme.text, ...attrs });
}

function box(theme: Theme, x: number, y: number, w: number, h: number) {
  return el("rect", {
    x,
    y,
    width: w,
    height: h,
    rx: theme.fieldRadius,
    fill: "#FFFFFF",
    stroke: theme.fieldBorder,
  });
}

function field(
  theme: Theme,
  y: number,
  labelText: string,
  value: string,
  short: boolean,
  suffix?: string,
): Placed {
  const inner = theme.width - theme.padX * 2;
  const h = theme.fieldHeight;
  const shown = value;
  switch (theme.fieldStyle) {
    case "left": {
      const bx = theme.padX + theme.labelWidth;
      const bw = short ? 90 : inner - theme.labelWidth;
      return {
        height: h + 10,
        nodes: [
          label(theme, labelText, theme.padX, y + h / 2 + 4, theme.labelWidth - 8),
          box(theme, bx, y, bw, h),
          label(theme, shown, bx + 5, y + h / 2 + 4, bw - 24),
          suffix
            ? label(theme, suffix, bx + bw - 14, y + h / 2 + 4, 12, { fill: theme.muted })
            : null,
        ].filter((n): n is SvgNode => n !== null),
        highlightBox: { x: theme.padX, y, w: bx + bw - theme.padX, h },
      };
    }
    case "above": {
      const bw = short ? 110 : inner;
      return {
        height: h + 30,
        nodes: [
          label(theme, labelText, theme.padX, y + 13, inner, { fontWeight: 600 }),
          box(theme, theme.padX, y + 20, bw, h),
          el("path", {
            d: `M${theme.padX + 1} ${y + 20 + h}h${bw - 2}`,
            stroke: theme.accent,
            strokeWidth: 1.5,
          }),
          label(theme, shown, theme.padX + 8, y + 20 + h / 2 + 5, bw - 30),
          suffix
            ? label(theme, suffix, theme.padX + bw - 18, y + 20 + h / 2 + 5, 12, {
                fill: theme.muted,
              })
            : null,
        ].filter((n): n is SvgNode => n !== null),
        highlightBox: { x: theme.padX, y, w: bw, h: h + 20 },
      };
    }
    case "outlined": {
      const bw = short ? 140 : inner;
      const lw = Math.min(bw - 16, labelText.length * 12 * 0.56 + 8);
      return {
        height: h + 16,
        nodes: [
          box(theme, theme.padX, y + 6, bw, h),
          el("rect", { x: theme.padX + 10, y: y, width: lw, height: 12, fill: "#FFFFFF" }),
          fittedText(labelText, theme.padX + 14, y + 10, 12, lw - 6, { fill: theme.muted }),
          label(theme, shown, theme.padX + 14, y + 6 + h / 2 + 5, bw - 40),
          suffix
            ? label(theme, suffix, theme.padX + bw - 24, y + 6 + h / 2 + 5, 14, {
                fill: theme.muted,
              })
            : null,
        ].filter((n): n is SvgNode => n !== null),
        highlightBox: { x: theme.padX, y, w: bw, h: h + 6 },
      };
    }
    case "cell": {
      const vx = theme.padX + theme.labelWidth;
      return {
        height: h,
        nodes: [
          el("rect", { x: theme.padX, y, width: inner, height: h, fill: "#FFFFFF" }),
          el("path", {
            d: `M${theme.padX + 16} ${y + h - 0.5}h${inner - 16}`,
            stroke: theme.fieldBorder,
            strokeWidth: 0.7,
          }),
          label(theme, labelText, theme.padX + 16, y + h / 2 + 5, theme.labelWidth - 20),
          label(theme, shown, vx, y + h / 2 + 5, inner - theme.labelWidth - 28, {
            fill: value ? theme.text : theme.muted,
          }),
          suffix
            ? label(theme, suffix, theme.padX + inner - 22, y + h / 2 + 5, 14, { fill: "#C4C4C7" })
            : null,
        ].filter((n): n is SvgNode => n !== null),
        highlightBox: { x: theme.padX, y, w: inner, h },
      };
    }
  }
}

function checkMark(x: number, y: number, color: string) {
  return el("path", {
    d: `M${x + 3} ${y + 7}l3 3l6 -7`,
    stroke: color,
    strokeWidth: 2,
    fill: "none",
  });
}

function toggle(theme: Theme, y: number, text: string, on: boolean, isCheckbox: boolean): Placed {
  const inner = theme.width - theme.padX * 2;
  if (theme.check === "switch") {
    const h = theme.fieldStyle === "cell" ? theme.fieldHeight : 48;
    const sx = theme.padX + inner - 66;
    const onColor = theme.fieldStyle === "cell" ? "#34C759" : theme.accent;
    return {
      height: h,
      nodes: [
        theme.fieldStyle === "cell"
          ? el("rect", { x: theme.padX, y, width: inner, height: h, fill: "#FFFFFF" })
          : null,
        label(
          theme,
          text,
          theme.padX + (theme.fieldStyle === "cell" ? 16 : 0),
          y + h / 2 + 5,
          inner - 90,
        ),
        el("rect", {
          x: sx,
          y: y + h / 2 - 15,
          width: 51,
          height: 30,
          rx: 15,
          fill: on ? onColor : "#E9E9EA",
        }),
        el("circle", {
          cx: on ? sx + 36 : sx + 15,
          cy: y + h / 2,
          r: 13,
          fill: "#FFFFFF",
          stroke: "#D0D0D0",
        }),
      ].filter((n): n is SvgNode => n !== null),
      highlightBox: { x: theme.padX, y, w: inner, h },
    };
  }
  const size = 13;
  const cy = y + 2;
  return {
    height: 24,
    nodes: [
      el("rect", {
        x: theme.padX,
        y: cy,
        width: size,
        height: size,
        rx: isCheckbox ? 2 : 7,
        fill: "#FFFFFF",
        stroke: theme.fieldBorder,
      }),
      on
        ? checkMark(theme.padX, cy, theme.fieldBorder === "#7F9DB9" ? "#21A121" : theme.text)
        : null,
      label(theme, text, theme.padX + 20, cy + 11, inner - 24),
    ].filter((n): n is SvgNode => n !== null),
    highlightBox: {
      x: theme.padX,
      y: cy,
      w: Math.min(inner, 26 + text.length * theme.size * 0.56),
      h: size,
    },
  };
}

function radio(
  theme: Theme,
  y: number,
  title: string,
  options: string[],
  selected: string,
): Placed {
  const nodes: SvgNode[] = [];
  let dy = 0;
  if (title) {
    nodes.push(label(theme, title, theme.padX, y + 13, theme.width - 2 * theme.padX));
    dy += 22;
  }
  for (const option of options) {
    const cy = y + dy + 8;
    nodes.push(
      el("circle", { cx: theme.padX + 7, cy, r: 6.5, fill: "#FFFFFF", stroke: theme.fieldBorder }),
    );
    if (option === selected)
      nodes.push(el("circle", { cx: theme.padX + 7, cy, r: 3.5, fill: theme.accent }));
    nodes.push(label(theme, option, theme.padX + 20, cy + 4, theme.width - 2 * theme.padX - 24));
    dy += 22;
  }
  return { nodes, height: dy + 4 };
}

function list(theme: Theme, y: number, title: string, items: string[], selected: string): Placed {
  const inner = theme.width - theme.padX * 2;
  const nodes: SvgNode[] = [];
  let dy = 0;
  if (title) {
    nodes.push(
      label(theme, title, theme.padX, y + 13, inner, {
        fontWeight: theme.fieldStyle === "left" ? "normal" : 600,
      }),
    );
    dy += 20;
  }
  const rowH = theme.fieldStyle === "cell" || theme.fieldStyle === "outlined" ? 44 : 22;
  const top = y + dy;
  nodes.push(box(theme, theme.padX, top, inner, rowH * items.length + 4));
  let highlightBox: Placed["highlightBox"];
  items.forEach((item, i) => {
    const ry = top + 2 + i * rowH;
    const isSelected = item === selected;
    if (isSelected) {
      nodes.push(
        el("rect", {
          x: theme.padX + 2,
          y: ry,
          width: inner - 4,
          height: rowH,
          fill: theme.selection.bg,
        }),
      );
      highlightBox = { x: theme.padX, y: ry, w: inner, h: rowH };
    }
    nodes.push(
      label(theme, item, theme.padX + 10, ry + rowH / 2 + 5, inner - 40, {
        fill: isSelected ? theme.selection.text : theme.text,
      }),
    );
    if (isSelected && theme.fieldStyle === "cell")
      nodes.push(checkMark(theme.padX + inner - 30, ry + rowH / 2 - 7, theme.accent));
    if (i > 0 && rowH > 30)
      nodes.push(el("path", { d: `M${theme.padX + 10} ${ry}h${inner - 20}`, stroke: "#E0E0E0" }));
  });
  return { nodes, height: dy + rowH * items.length + 12, highlightBox };
}

function menu(
  theme: Theme,
  y: number,
  bar: string[],
  open: string,
  entries: string[],
  selected: string,
): Placed {
  const inner = theme.width - theme.padX * 2;
  const nodes: SvgNode[] = [
    el("rect", {
      x: theme.padX - 10,
      y,
      width: inner + 20,
      height: 22,
      fill: "#F5F5F5",
      stroke: "#D8D8D8",
    }),
  ];
  let x = theme.padX;
  let openX = x;
  for (const item of bar) {
    const w = item.length * theme.size * 0.6 + 16;
    if (item === open) {
      openX = x;
      nodes.push(
        el("rect", { x: x - 4, y: y + 1, width: w, height: 20, fill: theme.selection.bg }),
      );
    }
    nodes.push(
      label(theme, item, x + 4, y + 15, w, {
        fill: item === open ? theme.selection.text : theme.text,
      }),
    );
    x += w;
  }
  const mw = Math.min(
    inner - (openX - theme.padX),
    Math.max(180, ...entries.map((e) => e.length * theme.size * 0.6 + 40)),
  );
  const top = y + 22;
  nodes.push(
    el("rect", {
      x: openX - 4,
      y: top,
      width: mw,
      height: entries.length * 22 + 6,
      fill: "#FFFFFF",
      stroke: "#8C8C8C",
    }),
  );
  let highlightBox: Placed["highlightBox"];
  entries.forEach((entry, i) => {
    const ry = top + 3 + i * 22;
    if (entry === "-") {
      nodes.push(el("path", { d: `M${openX + 4} ${ry + 11}h${mw - 16}`, stroke: "#D0D0D0" }));
      return;
    }
    if (entry === selected) {
      nodes.push(
        el("rect", { x: openX - 2, y: ry, width: mw - 4, height: 22, fill: theme.selection.bg }),
      );
      highlightBox = { x: openX - 4, y: ry, w: mw, h: 22 };
    }
    nodes.push(
      label(theme, entry, openX + 14, ry + 15, mw - 24, {
        fill: entry === selected ? theme.selection.text : theme.text,
      }),
    );
  });
  return { nodes, height: 22 + entries.length * 22 + 16, highlightBox };
}

/** iOS draws a choice between a few options as a segmented control. */
function segmented(theme: Theme, y: number, items: string[], active: string): Placed {
  const inner = theme.width - theme.padX * 2;
  const w = inner / items.length;
  const nodes: SvgNode[] = [
    el("rect", { x: theme.padX, y, width: inner, height: 32, rx: 9, fill: "#E3E3E8" }),
  ];
  items.forEach((item, i) => {
    const x = theme.padX + i * w;
    if (item === active)
      nodes.push(
        el("rect", {
          x: x + 2,
          y: y + 2,
          width: w - 4,
          height: 28,
          rx: 7,
          fill: "#FFFFFF",
          stroke: "#D1D1D6",
        }),
      );
    nodes.push(
      el(
        "text",
        {
          x: x + w / 2,
          y: y + 21,
          fontSize: 14,
          textAnchor: "middle",
          fill: theme.text,
          fontWeight: item === active ? 600 : "normal",
        },
        item,
      ),
    );
  });
  return { nodes, height: 40, highlightBox: { x: theme.padX, y, w: inner, h: 32 } };
}

function tabs(theme: Theme, y: number, items: string[], active: string): Placed {
  if (theme.fieldStyle === "cell") return segmented(theme, y, items, active);
  const nodes: SvgNode[] = [];
  let x = theme.padX;
  for (const item of items) {
    const w = item.length * theme.size * 0.6 + 18;
    const isActive = item === active;
    nodes.push(
      el("rect", {
        x,
        y: isActive ? y : y + 2,
        width: w,
        height: isActive ? 24 : 22,
        fill: isActive ? "#FFFFFF" : "#E8E8E8",
        stroke: "#919B9C",
      }),
    );
    nodes.push(
      label(theme, item, x + 9, y + 16, w - 10, { fontWeight: isActive ? "bold" : "normal" }),
    );
    x += w;
  }
  nodes.push(
    el("path", { d: `M${theme.padX} ${y + 24}H${theme.width - theme.padX}`, stroke: "#919B9C" }),
  );
  return { nodes, height: 34 };
}

function buttons(
  theme: Theme,
  y: number,
  items: Array<{ label: string; primary?: boolean; highlight?: boolean }>,
): Placed {
  const nodes: SvgNode[] = [];
  const h = theme.button.height;
  let x = theme.width - theme.padX;
  let highlightBox: Placed["highlightBox"];
  for (const item of [...items].reverse()) {
    const w = Math.max(76, item.label.length * theme.size * 0.6 + 24);
    x -= w;
    nodes.push(
      el("rect", {
        x,
        y,
        width: w,
        height: h,
        rx: theme.button.radius,
        fill: item.primary ? theme.button.primaryBg : theme.button.bg,
        stroke:
          item.primary && theme.button.primaryBg !== theme.button.bg
            ? theme.button.primaryBg
            : theme.button.border,
      }),
      el(
        "text",
        {
          x: x + w / 2,
          y: y + h / 2 + 4,
          fontSize: theme.size,
          textAnchor: "middle",
          fill: item.primary
            ? theme.button.primaryText
            : theme.fieldStyle === "cell"
              ? theme.accent
              : theme.text,
          fontWeight: item.primary && theme.fieldStyle !== "left" ? 600 : "normal",
        },
        item.label,
      ),
    );
    if (item.highlight) highlightBox = { x, y, w, h };
    x -= 8;
  }
  return { nodes, height: h + 12, highlightBox };
}

function textBlock(
  theme: Theme,
  y: number,
  text: string,
  size: number,
  attrs: Record<string, string | number>,
): Placed {
  const lines = wrapWords(text, size, theme.width - theme.padX * 2);
  const lh = Math.round(size * 1.35);
  return {
    height: lines.length * lh + 8,
    nodes: lines.map((line, i) =>
      el("text", { x: theme.padX, y: y + size + i * lh, fontSize: size, ...attrs }, line),
    ),
  };
}

function place(theme: Theme, w: Widget, y: number): Placed {
  switch (w.kind) {
    case "heading":
      return textBlock(theme, y, s(w.text), theme.headingSize, {
        fill: theme.headingColor,
        fontWeight: theme.fieldStyle === "left" ? "bold" : 600,
      });
    case "para":
      return textBlock(theme, y, s(w.text), theme.size, { fill: theme.muted });
    case "section":
      return theme.fieldStyle === "cell"
        ? textBlock(theme, y + 8, s(w.text).toUpperCase(), 12, { fill: theme.muted })
        : textBlock(theme, y + 4, s(w.text), theme.size, {
            fill: theme.fieldStyle === "left" ? "#0046D5" : theme.text,
            fontWeight: "bold",
          });
    case "field":
      return field(theme, y, s(w.label), w.secret ? "••••••••" : s(w.value), w.short ?? false);
    case "select":
      return field(theme, y, s(w.label), s(w.value), false, "▾");
    case "checkbox":
      return toggle(theme, y, s(w.label), w.checked, true);
    case "toggle":
      return toggle(theme, y, s(w.label), w.on, false);
    case "radio":
      return radio(theme, y, s(w.label), w.options, s(w.selected));
    case "list":
      return list(theme, y, s(w.label), w.items, s(w.selected));
    case "menu":
      return menu(theme, y, w.bar, w.open, w.entries, w.selected);
    case "tabs":
      return tabs(theme, y, w.items, s(w.active));
    case "buttons":
      return buttons(theme, y, w.items);
  }
}

export function drawPicture(options: {
  picture: ResolvedPicture;
  values: WalkthroughValues;
  /** Accessible description: the step's title. */
  caption: string;
}): SvgNode {
  const { picture, values } = options;
  const theme = THEMES[picture.frame];
  const body: SvgNode[] = [];
  const marks: SvgNode[] = [];
  let y = theme.top;
  for (const widget of picture.widgets) {
    const placed = place(theme, widget, y);
    body.push(...placed.nodes);
    const wantsMark =
      widget.highlight || (widget.kind === "buttons" && widget.items.some((b) => b.highlight));
    if (wantsMark) {
      const b = placed.highlightBox ?? {
        x: theme.padX,
        y,
        w: theme.width - 2 * theme.padX,
        h: placed.height - 8,
      };
      marks.push(
        el("rect", {
          x: b.x - 5,
          y: b.y - 4,
          width: b.w + 10,
          height: b.h + 8,
          rx: 6,
          fill: HIGHLIGHT,
          fillOpacity: 0.1,
          stroke: HIGHLIGHT,
          strokeWidth: 3,
          "data-highlight": "true",
        }),
      );
    }
    y += placed.height + 4;
  }
  const dialogHeight = y + theme.bottomPad;
  const width = theme.width;
  const height = dialogHeight + 8 + BAND_HEIGHT;
  const bandY = dialogHeight + 8;
  const inLine = `Incoming (${values.protocol}): ${values.incoming.hostname}  port ${values.incoming.port}`;
  const outLine = `Outgoing (SMTP): ${values.outgoing.hostname}  port ${values.outgoing.port}`;
  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-label": options.caption,
      fontFamily: theme.font,
    },
    el("title", {}, options.caption),
    el("rect", { x: 0, y: 0, width, height, fill: "#FFFFFF" }),
    ...theme.chrome(picture.title, width, dialogHeight, theme.font),
    el("g", { fontFamily: theme.font, fontSize: theme.size }, ...body),
    ...marks,
    el("rect", { x: 0, y: bandY, width, height: BAND_HEIGHT, rx: 6, fill: "#1E293B" }),
    fittedText(`Your address: ${values.address}`, 10, bandY + 16, 11, width - 20, {
      fill: "#FFFFFF",
      fontFamily: "'DejaVu Sans', sans-serif",
      fontWeight: "bold",
    }),
    fittedText(inLine, 10, bandY + 31, 11, width - 20, {
      fill: "#E2E8F0",
      fontFamily: "'DejaVu Sans', sans-serif",
    }),
    fittedText(outLine, 10, bandY + 46, 11, width - 20, {
      fill: "#E2E8F0",
      fontFamily: "'DejaVu Sans', sans-serif",
    }),
  );
}
