import type { ClientWalkthrough } from "../content-model";

// Thunderbird for Android (formerly K-9 Mail). It reads our autoconfig file like the
// desktop Thunderbird; "SSL/TLS" in its Security list is TLS from the first byte.
export const androidThunderbird: ClientWalkthrough = {
  id: "android-thunderbird",
  name: "Android: Thunderbird / K-9 Mail",
  platform: "android",
  summary: "Thunderbird for Android (formerly K-9 Mail). Finds most settings itself.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1.3",
  notes: [
    "Works fully with our servers, and usually fills in the servers itself after you type your address.",
  ],
  steps: [
    {
      id: "address",
      title: "Type your address",
      text: "Open the app, tap “Add account” (or “Get started”) and type {address}. Tap “Next”.",
      picture: {
        frame: "android",
        title: "Add account",
        widgets: [
          { kind: "field", label: "Email address", value: "{address}", highlight: true },
          { kind: "buttons", items: [{ label: "Next", primary: true, highlight: true }] },
        ],
      },
    },
    {
      id: "incoming",
      title: "Incoming server",
      text: "If the app shows the settings it found, check them against these and tap “Next”. Otherwise, choose “{inProtocol}” and type: server {inHost}, security SSL/TLS, port {inPort}, username {username}, authentication “Normal password”, and your password.",
      picture: {
        frame: "android",
        title: "Incoming server settings",
        widgets: [
          { kind: "select", label: "Protocol", value: "{inProtocol}", highlight: true },
          { kind: "field", label: "Server", value: "{inHost}", highlight: true },
          { kind: "select", label: "Security", value: "SSL/TLS", highlight: true },
          { kind: "field", label: "Port", value: "{inPort}", short: true, highlight: true },
          { kind: "field", label: "Username", value: "{username}", highlight: true },
          { kind: "select", label: "Authentication", value: "Normal password" },
        ],
      },
    },
    {
      id: "outgoing",
      title: "Outgoing server",
      text: "Server {outHost}, security SSL/TLS, port {outPort}, username {username}, authentication “Normal password”. Tap “Next”.",
      picture: {
        frame: "android",
        title: "Outgoing server settings",
        widgets: [
          { kind: "field", label: "Server", value: "{outHost}", highlight: true },
          { kind: "select", label: "Security", value: "SSL/TLS", highlight: true },
          { kind: "field", label: "Port", value: "{outPort}", short: true, highlight: true },
          { kind: "field", label: "Username", value: "{username}", highlight: true },
          { kind: "select", label: "Authentication", value: "Normal password" },
        ],
      },
    },
    {
      id: "leave-on-server",
      when: "POP3",
      title: "Keep a copy on the server",
      text: "In the account's incoming server settings set “When I delete a message” to “Do not delete on server”, so your other devices can still fetch your mail.",
      picture: {
        frame: "android",
        title: "Incoming server settings",
        widgets: [
          {
            kind: "select",
            label: "When I delete a message",
            value: "Do not delete on server",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "finish",
      title: "Name the account",
      text: "Type your name as others should see it and tap “Done”.",
      picture: {
        frame: "android",
        title: "Account options",
        widgets: [
          { kind: "field", label: "Display name", value: "{name}", highlight: true },
          { kind: "field", label: "Account name", value: "{address}" },
          { kind: "buttons", items: [{ label: "Done", primary: true, highlight: true }] },
        ],
      },
    },
  ],
};
