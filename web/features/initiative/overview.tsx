// The initiative's first section: the outcome scorecard, then the team lanes.
import { can, useUser } from "../auth/session.tsx";
import { ReportForm } from "../reports/report-form.tsx";
import { Scorecard } from "../scorecard/scorecard.tsx";
import { TeamLanes } from "../lanes/team-lanes.tsx";

export function Overview() {
  const user = useUser();
  return (
    <>
      <Scorecard />
      <TeamLanes />
      {can(user, "contribute") ? <ReportForm /> : null}
    </>
  );
}
