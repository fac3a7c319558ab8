// One client's walkthrough for one customer: protocol variants chosen, steps for the other
// protocol dropped, staff text overrides applied, tokens replaced by the customer's values.
import type { MailProtocol } from "@/lib/generated/prisma/enums";
import type { ConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { AppError } from "@/lib/server/errors/app-error";
import type {
  ClientId,
  ClientWalkthrough,
  StepTextOverride,
  TlsVersion,
  Widget,
} from "./content-model";
import { CLIENTS, findClient } from "./clients";
import type { ResolvedPicture } from "./picture/draw-picture";
import { resolveText, tokenTable, walkthroughValues, type WalkthroughValues } from "./values";

export type ResolvedStep = {
  id: string;
  number: number;
  title: string;
  text: string;
  picture: ResolvedPicture;
};

export type ResolvedWalkthrough = {
  id: ClientId;
  name: string;
  summary: string;
  notes: string[];
  /** False when the client cannot negotiate the oldest TLS version our servers accept. */
  canConnect: boolean;
  alternative?: { id: ClientId; name: string };
  values: WalkthroughValues;
  steps: ResolvedStep[];
};

const TLS_ORDER: TlsVersion[] = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
const TLS_NAME: Record<TlsVersion, string> = {
  TLSv1: "TLS 1.0",
  "TLSv1.1": "TLS 1.1",
  "TLSv1.2": "TLS 1.2",
  "TLSv1.3": "TLS 1.3",
};

export function canNegotiate(clientMax: TlsVersion, serverMin: TlsVersion): boolean {
  return TLS_ORDER.indexOf(clientMax) >= TLS_ORDER.indexOf(serverMin);
}

function resolveWidget(w: Widget, protocol: MailProtocol, tokens: Record<string, string>): Widget {
  const r = (t: Parameters<typeof resolveText>[0]) => resolveText(t, protocol, tokens);
  switch (w.kind) {
    case "heading":
    case "para":
    case "section":
      return { ...w, text: r(w.text) };
    case "field":
    case "select":
      return { ...w, label: r(w.label), value: r(w.value) };
    case "checkbox":
    case "toggle":
      return { ...w, label: r(w.label) };
    case "radio":
      return {
        ...w,
        label: w.label && r(w.label),
        options: w.options.map(r),
        selected: r(w.selected),
      };
    case "list":
      return { ...w, label: w.label && r(w.label), items: w.items.map(r), selected: r(w.selected) };
    case "menu":
      return {
        ...w,
        bar: w.bar.map(r),
        entries: w.entries.map(r),
        open: r(w.open),
        selected: r(w.selected),
      };
    case "tabs":
      return { ...w, items: w.items.map(r), active: r(w.active) };
    case "buttons":
      return { ...w, items: w.items.map((b) => ({ ...b, label: r(b.label) })) };
  }
}

export function buildWalkthrough(options: {
  clientId: string;
  settings: ConnectionSettings;
  minTls: TlsVersion;
  overrides?: StepTextOverride[];
}): ResolvedWalkthrough {
  const client: ClientWalkthrough | undefined = findClient(options.clientId);
  if (!client) throw new AppError("NOT_FOUND", "We have no walkthrough for that program.");
  const values = walkthroughValues(options.settings, client.security);
  const protocol = values.protocol;
  const tokens = tokenTable(values);
  const canConnect = !client.neverConnects && canNegotiate(client.maxTls, options.minTls);
  const notes = client.notes.map((note) => resolveText(note, protocol, tokens));
  if (client.neverConnects) notes.unshift(client.neverConnects);
  else if (client.maxTls !== "TLSv1.3" && client.maxTls !== "TLSv1.2") {
    notes.unshift(
      canConnect
        ? `Our servers currently still accept ${TLS_NAME[options.minTls]}, so these steps work. Older encryption may be switched off later: plan to move to a newer program.`
        : `This program cannot use the encryption our servers require (${TLS_NAME[options.minTls]} or newer), so it will not connect. The steps are kept for reference; please use a newer program instead.`,
    );
  }
  const alternative = client.alternative && findClient(client.alternative);
  const steps = client.steps
    .filter((step) => !step.when || step.when === protocol)
    .map((step, index) => {
      const override = options.overrides?.find(
        (o) => o.clientId === client.id && o.stepId === step.id && o.protocol === protocol,
      );
      const title = resolveText(override?.title ?? step.title, protocol, tokens);
      return {
        id: step.id,
        number: index + 1,
        title,
        text: resolveText(override?.text ?? step.text, protocol, tokens),
        picture: {
          frame: step.picture.frame,
          title: resolveText(step.picture.title, protocol, tokens),
          widgets: step.picture.widgets
            .filter((w) => !w.when || w.when === protocol)
            .map((w) => resolveWidget(w, protocol, tokens)),
        },
      };
    });
  return {
    id: client.id,
    name: client.name,
    summary: client.summary,
    notes,
    canConnect,
    alternative: alternative ? { id: alternative.id, name: alternative.name } : undefined,
    values,
    steps,
  };
}

export { CLIENTS };
