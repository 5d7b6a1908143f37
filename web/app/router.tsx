// The client routes: public sign-in and share-link pages, and the signed-in radiator behind a session.
import { createBrowserRouter } from "react-router";
import { AlignmentPage } from "../features/alignment/alignment-page.tsx";
import { LoginPage } from "../features/auth/login-page.tsx";
import { RequireSession } from "../features/auth/require-session.tsx";
import { Gates } from "../features/gates/gates.tsx";
import { InitiativeLayout } from "../features/initiative/initiative-layout.tsx";
import { Overview } from "../features/initiative/overview.tsx";
import { Milestones } from "../features/milestones/milestones.tsx";
import { NewInitiativePage } from "../features/new-initiative/new-initiative-page.tsx";
import { MyWorkPage } from "../features/my-work/my-work-page.tsx";
import { PremortemSharePage } from "../features/premortem/share-page.tsx";
import { PulseSharePage } from "../features/pulses/pulse-share-page.tsx";
import { PulsesPage } from "../features/pulses/pulses-page.tsx";
import { PlanSection } from "../features/plan/plan-section.tsx";
import { RadiatorPage } from "../features/radiator/radiator-page.tsx";
import { TvPage } from "../features/radiator/tv-page.tsx";
import { Requirements } from "../features/requirements/requirements.tsx";
import { ReviewPage } from "../features/reviews/review-page.tsx";
import { ReviewsSection } from "../features/reviews/reviews-section.tsx";
import { SourcesPage } from "../features/sources/sources-page.tsx";
import { RisksSection } from "../features/risks/risks-section.tsx";
import { SignalList } from "../features/signals/signal-list.tsx";
import { Thermocline } from "../features/thermocline/thermocline.tsx";
import { Layout } from "./layout.tsx";
import { NotFoundPage } from "./not-found-page.tsx";

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  { path: "/p/:secret", element: <PremortemSharePage /> },
  { path: "/q/:secret", element: <PulseSharePage /> },
  {
    element: <RequireSession />,
    children: [
      { path: "/tv", element: <TvPage /> },
      {
        element: <Layout />,
        children: [
          { path: "/", element: <RadiatorPage /> },
          { path: "/alignment", element: <AlignmentPage /> },
          { path: "/me", element: <MyWorkPage /> },
          { path: "/new", element: <NewInitiativePage /> },
          { path: "/pulses", element: <PulsesPage /> },
          {
            path: "/initiatives/:id",
            element: <InitiativeLayout />,
            children: [
              { index: true, element: <Overview /> },
              // The map's graph libraries load only when someone opens it.
              {
                path: "map",
                lazy: async () => ({
                  Component: (await import("../features/map/connective-map.tsx")).ConnectiveMap,
                }),
              },
              { path: "plan", element: <PlanSection /> },
              { path: "thermocline", element: <Thermocline /> },
              { path: "milestones", element: <Milestones /> },
              { path: "gates", element: <Gates /> },
              { path: "risks", element: <RisksSection /> },
              { path: "requirements", element: <Requirements /> },
              { path: "signals", element: <SignalList /> },
              { path: "reviews", element: <ReviewsSection /> },
              { path: "reviews/:reviewId", element: <ReviewPage /> },
              { path: "sources", element: <SourcesPage /> },
            ],
          },
        ],
      },
    ],
  },
  { path: "*", element: <NotFoundPage /> },
]);
