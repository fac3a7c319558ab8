// What every admin server action returns to its form (useActionState).
export type ActionState = {
  ok?: string;
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** A value shown once (temporary password), never stored in the page again. */
  secret?: string;
  /** Backup codes, shown once. */
  codes?: string[];
};

export const initialActionState: ActionState = {};
