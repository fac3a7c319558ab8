import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

// Only lib/ touches the Prisma client (db() and the generated client).
const prismaOnlyInLib = {
  paths: [
    {
      name: "@/lib/server/db/client",
      importNames: ["db"],
      message: "Call a lib/server function instead.",
    },
  ],
  patterns: ["**/generated/prisma/client", "@prisma/*"],
};

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The portal and the mail backend never import each other; both go through lib/.
    files: ["app/**", "components/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          ...prismaOnlyInLib,
          patterns: [...prismaOnlyInLib.patterns, "**/mailserver/**", "@/mailserver/*"],
        },
      ],
    },
  },
  {
    files: ["mailserver/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          ...prismaOnlyInLib,
          patterns: [
            ...prismaOnlyInLib.patterns,
            "**/app/**",
            "**/components/**",
            "@/app/*",
            "@/components/*",
          ],
        },
      ],
    },
  },
  {
    files: ["cli/**"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", prismaOnlyInLib] },
  },
);
