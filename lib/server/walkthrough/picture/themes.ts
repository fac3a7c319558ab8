// The look of each client family's dialogs: window or phone chrome plus the few colours and
// shapes its controls use. Drawn from memory of the real dialogs' layout, in our own shapes.
import type { FrameStyle } from "../content-model";
import { el, fittedText, type SvgNode } from "./svg";

export type FieldStyle = "left" | "above" | "outlined" | "cell";

export type Theme = {
  width: number;
  font: string;
  size: number;
  text: string;
  muted: string;
  accent: string;
  /** Selected rows in lists and menus. */
  selection: { bg: string; text: string };
  fieldStyle: FieldStyle;
  fieldHeight: number;
  fieldBorder: string;
  fieldRadius: number;
  labelWidth: number;
  headingSize: number;
  headingColor: string;
  button: {
    radius: number;
    height: number;
    bg: string;
    border: string;
    primaryBg: string;
    primaryText: string;
  };
  check: "box" | "switch";
  /** Where content starts and the side padding. */
  top: number;
  padX: number;
  bottomPad: number;
  chrome(title: string, width: number, height: number, font: string): SvgNode[];
};

const windowButtons = (x: number, y: number, color: string) => [
  el("path", { d: `M${x} ${y + 6}h10`, stroke: color, strokeWidth: 1 }),
  el("rect", { x: x + 22, y: y, width: 9, height: 9, fill: "none", stroke: color }),
  el("path", { d: `M${x + 44} ${y}l9 9M${x + 53} ${y}l-9 9`, stroke: color, strokeWidth: 1.2 }),
];

const xp: Theme = {
  width: 600,
  font: "Tahoma, 'DejaVu Sans', sans-serif",
  size: 12,
  text: "#000000",
  muted: "#444444",
  accent: "#316AC5",
  selection: { bg: "#316AC5", text: "#FFFFFF" },
  fieldStyle: "left",
  fieldHeight: 22,
  fieldBorder: "#7F9DB9",
  fieldRadius: 0,
  labelWidth: 200,
  headingSize: 13,
  headingColor: "#000000",
  button: {
    radius: 3,
    height: 24,
    bg: "#F4F3EE",
    border: "#003C74",
    primaryBg: "#F4F3EE",
    primaryText: "#000000",
  },
  check: "box",
  top: 44,
  padX: 22,
  bottomPad: 16,
  chrome: (title, w, h, font) => [
    el("rect", { x: 0, y: 0, width: w, height: h, rx: 8, fill: "#0831D9" }),
    el(
      "linearGradient",
      { id: "xpTitle", x1: 0, y1: 0, x2: 0, y2: 1 },
      el("stop", { offset: 0, stopColor: "#3A93FF" }),
      el("stop", { offset: 0.4, stopColor: "#0058EE" }),
      el("stop", { offset: 1, stopColor: "#0046C8" }),
    ),
    el("rect", { x: 0, y: 0, width: w, height: 30, rx: 8, fill: "url(#xpTitle)" }),
    el("rect", { x: 4, y: 30, width: w - 8, height: h - 34, fill: "#ECE9D8" }),
    fittedText(title, 12, 20, 13, w - 80, {
      fill: "#FFFFFF",
      fontWeight: "bold",
      fontFamily: font,
    }),
    el("rect", {
      x: w - 30,
      y: 5,
      width: 21,
      height: 21,
      rx: 3,
      fill: "#E0512F",
      stroke: "#FFFFFF",
    }),
    el("path", { d: `M${w - 25} 10l11 11M${w - 14} 10l-11 11`, stroke: "#FFFFFF", strokeWidth: 2 }),
  ],
};

const vista: Theme = {
  ...xp,
  font: "'Segoe UI', 'DejaVu Sans', sans-serif",
  fieldBorder: "#ABADB3",
  selection: { bg: "#CCE8FF", text: "#000000" },
  headingSize: 16,
  headingColor: "#003399",
  button: {
    radius: 3,
    height: 24,
    bg: "#ECECEC",
    border: "#707070",
    primaryBg: "#E5F1FB",
    primaryText: "#000000",
  },
  top: 44,
  padX: 26,
  chrome: (title, w, h, font) => [
    el(
      "linearGradient",
      { id: "vistaGlass", x1: 0, y1: 0, x2: 0, y2: 1 },
      el("stop", { offset: 0, stopColor: "#C4D8EC" }),
      el("stop", { offset: 1, stopColor: "#8FAFD0" }),
    ),
    el("rect", {
      x: 0,
      y: 0,
      width: w,
      height: h,
      rx: 7,
      fill: "url(#vistaGlass)",
      stroke: "#4A5E75",
    }),
    el("rect", { x: 7, y: 30, width: w - 14, height: h - 37, fill: "#FFFFFF", stroke: "#6F8BA7" }),
    fittedText(title, 14, 20, 12, w - 90, { fill: "#000000", fontFamily: font }),
    el("rect", {
      x: w - 50,
      y: 1,
      width: 43,
      height: 18,
      rx: 3,
      fill: "#C75050",
      stroke: "#6B2020",
    }),
    el("path", { d: `M${w - 33} 6l8 8M${w - 25} 6l-8 8`, stroke: "#FFFFFF", strokeWidth: 2 }),
  ],
};

const fluent: Theme = {
  ...xp,
  font: "'Segoe UI', 'DejaVu Sans', sans-serif",
  size: 13,
  text: "#1B1B1B",
  muted: "#616161",
  accent: "#0F6CBD",
  selection: { bg: "#EBF3FC", text: "#0F6CBD" },
  fieldStyle: "above",
  fieldHeight: 30,
  fieldBorder: "#D1D1D1",
  fieldRadius: 4,
  headingSize: 20,
  headingColor: "#1B1B1B",
  button: {
    radius: 4,
    height: 30,
    bg: "#FFFFFF",
    border: "#D1D1D1",
    primaryBg: "#0F6CBD",
    primaryText: "#FFFFFF",
  },
  top: 50,
  padX: 28,
  bottomPad: 20,
  chrome: (title, w, h, font) => [
    el("rect", { x: 0, y: 0, width: w, height: h, rx: 8, fill: "#FFFFFF", stroke: "#C7C7C7" }),
    el("path", { d: `M0 32V8a8 8 0 0 1 8-8h${w - 16}a8 8 0 0 1 8 8v24z`, fill: "#F3F3F3" }),
    fittedText(title, 14, 21, 12, w - 120, { fill: "#1B1B1B", fontFamily: font }),
    ...windowButtons(w - 78, 11, "#1B1B1B"),
  ],
};

const macos: Theme = {
  ...xp,
  font: "-apple-system, 'Helvetica Neue', 'DejaVu Sans', sans-serif",
  size: 13,
  text: "#1D1D1F",
  muted: "#6E6E73",
  accent: "#007AFF",
  selection: { bg: "#0A64D6", text: "#FFFFFF" },
  fieldStyle: "left",
  fieldHeight: 22,
  fieldBorder: "#C4C4C4",
  fieldRadius: 3,
  labelWidth: 170,
  headingSize: 14,
  headingColor: "#1D1D1F",
  button: {
    radius: 6,
    height: 24,
    bg: "#FFFFFF",
    border: "#C4C4C4",
    primaryBg: "#007AFF",
    primaryText: "#FFFFFF",
  },
  top: 46,
  padX: 30,
  chrome: (title, w, h, font) => [
    el("rect", { x: 0, y: 0, width: w, height: h, rx: 10, fill: "#ECECEC", stroke: "#B5B5B5" }),
    el("path", {
      d: `M0 28V10a10 10 0 0 1 10-10h${w - 20}a10 10 0 0 1 10 10v18z`,
      fill: "#DCDCDC",
    }),
    el("circle", { cx: 16, cy: 14, r: 6, fill: "#FF5F57" }),
    el("circle", { cx: 36, cy: 14, r: 6, fill: "#FEBC2E" }),
    el("circle", { cx: 56, cy: 14, r: 6, fill: "#28C840" }),
    el(
      "text",
      {
        x: w / 2,
        y: 18,
        fontSize: 13,
        fontWeight: "bold",
        fill: "#4D4D4D",
        textAnchor: "middle",
        fontFamily: font,
      },
      title,
    ),
  ],
};

const phoneStatus = (w: number, font: string, time: string) =>
  el(
    "text",
    { x: 28, y: 30, fontSize: 14, fontWeight: "bold", fill: "#000000", fontFamily: font },
    time,
  );

const ios: Theme = {
  ...xp,
  width: 390,
  font: "-apple-system, 'Helvetica Neue', 'DejaVu Sans', sans-serif",
  size: 15,
  text: "#000000",
  muted: "#6D6D72",
  accent: "#007AFF",
  selection: { bg: "#FFFFFF", text: "#000000" },
  fieldStyle: "cell",
  fieldHeight: 44,
  fieldBorder: "#C6C6C8",
  fieldRadius: 10,
  labelWidth: 118,
  headingSize: 20,
  headingColor: "#000000",
  button: {
    radius: 10,
    height: 40,
    bg: "#F2F2F7",
    border: "#F2F2F7",
    primaryBg: "#F2F2F7",
    primaryText: "#007AFF",
  },
  check: "switch",
  top: 98,
  padX: 16,
  bottomPad: 30,
  chrome: (title, w, h, font) => [
    el("rect", {
      x: 3,
      y: 3,
      width: w - 6,
      height: h - 6,
      rx: 40,
      fill: "#F2F2F7",
      stroke: "#1C1C1E",
      strokeWidth: 6,
    }),
    phoneStatus(w, font, "9:41"),
    el("rect", { x: w / 2 - 60, y: 14, width: 120, height: 26, rx: 13, fill: "#1C1C1E" }),
    el(
      "text",
      {
        x: w / 2,
        y: 78,
        fontSize: 17,
        fontWeight: "bold",
        fill: "#000000",
        textAnchor: "middle",
        fontFamily: font,
      },
      title,
    ),
  ],
};

const android: Theme = {
  ...ios,
  font: "Roboto, 'DejaVu Sans', sans-serif",
  text: "#1F1F1F",
  muted: "#444746",
  accent: "#0B57D0",
  selection: { bg: "#D3E3FD", text: "#041E49" },
  fieldStyle: "outlined",
  fieldHeight: 52,
  fieldBorder: "#747775",
  fieldRadius: 4,
  headingSize: 22,
  headingColor: "#1F1F1F",
  button: {
    radius: 20,
    height: 40,
    bg: "#FFFFFF",
    border: "#747775",
    primaryBg: "#0B57D0",
    primaryText: "#FFFFFF",
  },
  top: 104,
  padX: 24,
  chrome: (title, w, h, font) => [
    el("rect", {
      x: 3,
      y: 3,
      width: w - 6,
      height: h - 6,
      rx: 32,
      fill: "#FFFFFF",
      stroke: "#202124",
      strokeWidth: 6,
    }),
    phoneStatus(w, font, "12:30"),
    el("circle", { cx: w / 2, cy: 24, r: 6, fill: "#202124" }),
    el("path", {
      d: "M28 72h18M28 72l8-8M28 72l8 8",
      stroke: "#1F1F1F",
      strokeWidth: 2,
      fill: "none",
    }),
    fittedText(title, 62, 79, 20, w - 90, { fill: "#1F1F1F", fontFamily: font }),
  ],
};

const thunderbird: Theme = {
  ...fluent,
  font: "'Segoe UI', Cantarell, 'DejaVu Sans', sans-serif",
  accent: "#0061E0",
  selection: { bg: "#DEEAFB", text: "#0061E0" },
  headingSize: 20,
  button: {
    radius: 4,
    height: 30,
    bg: "#F0F0F4",
    border: "#CFCFD8",
    primaryBg: "#0061E0",
    primaryText: "#FFFFFF",
  },
  top: 62,
  chrome: (title, w, h, font) => [
    el("rect", { x: 0, y: 0, width: w, height: h, rx: 6, fill: "#FFFFFF", stroke: "#BDBDC5" }),
    el("path", { d: `M0 38V6a6 6 0 0 1 6-6h${w - 12}a6 6 0 0 1 6 6v32z`, fill: "#1C1B22" }),
    el("rect", { x: 10, y: 6, width: 210, height: 32, rx: 4, fill: "#F9F9FB" }),
    el("rect", { x: 20, y: 15, width: 14, height: 14, rx: 3, fill: "#0061E0" }),
    fittedText(title, 42, 27, 12, 170, { fill: "#15141A", fontFamily: font }),
    ...windowButtons(w - 78, 15, "#FBFBFE"),
  ],
};

export const THEMES: Record<FrameStyle, Theme> = {
  xp,
  vista,
  fluent,
  macos,
  ios,
  android,
  thunderbird,
};
