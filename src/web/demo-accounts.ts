// The demo data's own organisations (src/demo/: fixed and name-based ids), for one-click sign-in
// where the server allows dev sign-in. test/unit checks each id is one the demo seed writes.
// `name` is the demo person's, shown to their colleagues (a person's name is not translated).
export const DEMO_ACCOUNTS: {
  role: 'enterprise' | 'provider' | 'district_officer' | 'alliance_manager' | 'city_coordinator';
  org: string;
  key: string;
  name: string;
}[] = [
  { role: 'enterprise', org: '0b7e2c1a-5d3f-4e8a-9b21-000000000001', key: 'demo.enterprise', name: '王磊（演示）' },
  { role: 'provider', org: '7479ea28-1acd-538a-8788-7afce8d7a37f', key: 'demo.provider', name: '李娜（演示）' },
  { role: 'district_officer', org: 'xuhui', key: 'demo.officer', name: '张敏（演示）' },
  { role: 'alliance_manager', org: 'c3b8dba9-6abd-5511-a9a4-f94bdd5d86e7', key: 'demo.manager', name: '陈刚（演示）' },
  { role: 'city_coordinator', org: 'shanghai', key: 'demo.coordinator', name: '周洁（演示）' },
];
