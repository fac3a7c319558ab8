"use client";
import { AdminForm, Field, FieldErrorsFor } from "./admin-form";
import type { ActionState } from "./action-state";

export function EndpointForm({
  action,
  endpoint,
  title,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  endpoint: { id: number; hostname: string; port: number; recommended: boolean };
  title: string;
}) {
  return (
    <fieldset className="rounded border border-slate-300 p-3">
      <legend className="px-1 font-semibold">{title}</legend>
      <AdminForm
        action={action}
        hidden={{ endpointId: endpoint.id }}
        submitLabel={`Save ${title}`}
        inline
      >
        <Field
          name="hostname"
          label="Host name"
          defaultValue={endpoint.hostname}
          autoComplete="off"
        />
        <Field name="port" label="Port" defaultValue={endpoint.port} inputMode="numeric" />
        <div className="pb-2">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="recommended" defaultChecked={endpoint.recommended} />
            Recommended
          </label>
          <FieldErrorsFor name="recommended" />
        </div>
      </AdminForm>
    </fieldset>
  );
}
