export default function HomeScreen() {
  return <h1>Relances</h1>;
}
