import { request } from './http';

export interface Scenario {
  id: number;
  title: string;
  complexity: number;
}

export type ScenarioList = Scenario[];

export async function fetchScenarios(limit: number): Promise<ScenarioList> {
  const body = await request(`/scenarios?limit=${limit}`);
  return JSON.parse(body) as ScenarioList;
}

export function titleOf(s: Scenario): string {
  return s.title.trim();
}
