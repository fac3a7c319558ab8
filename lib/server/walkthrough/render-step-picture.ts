// Step pictures as files: SVG text, and PNG (for the settings email and printing) rendered
// by sharp (libvips + librsvg; text through fontconfig, e.g. DejaVu Sans on Debian).
import sharp from "sharp";
import { AppError } from "@/lib/server/errors/app-error";
import type { ResolvedStep, ResolvedWalkthrough } from "./build-walkthrough";
import { drawPicture } from "./picture/draw-picture";
import { toSvgString, type SvgNode } from "./picture/svg";

export function stepPictureTree(walkthrough: ResolvedWalkthrough, step: ResolvedStep): SvgNode {
  return drawPicture({
    picture: step.picture,
    values: walkthrough.values,
    caption: `${walkthrough.name}, step ${step.number}: ${step.title}`,
  });
}

export function findStep(walkthrough: ResolvedWalkthrough, stepNumber: number): ResolvedStep {
  const step = walkthrough.steps.find((s) => s.number === stepNumber);
  if (!step) throw new AppError("NOT_FOUND", "There is no such step.");
  return step;
}

export function stepPictureSvg(walkthrough: ResolvedWalkthrough, step: ResolvedStep): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toSvgString(stepPictureTree(walkthrough, step))}`;
}

/** PNG at twice the SVG's size, so text stays sharp when printed. */
export async function stepPicturePng(
  walkthrough: ResolvedWalkthrough,
  step: ResolvedStep,
): Promise<Buffer> {
  return sharp(Buffer.from(stepPictureSvg(walkthrough, step)), { density: 144 })
    .png({ compressionLevel: 9 })
    .toBuffer();
}
