// What a server action hands back to its form (useActionState).
export type FormState<Field extends string = string> = {
  status: "idle" | "error" | "saved";
  message?: string;
  fieldErrors?: Partial<Record<Field, string>>;
};

export const IDLE: FormState = { status: "idle" };

export const WRONG_ORIGIN_MESSAGE =
  "This form was not sent from this site. Reload the page and try again.";
