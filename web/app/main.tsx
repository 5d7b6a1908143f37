// Mounts the radiator: one ApiClient, the session, and the routes.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { SessionProvider } from "../features/auth/session.tsx";
import { ApiClient } from "../lib/api-client.ts";
import { ApiProvider } from "../lib/api-context.tsx";
import { router } from "./router.tsx";
import "./styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApiProvider client={new ApiClient()}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </ApiProvider>
  </StrictMode>,
);
