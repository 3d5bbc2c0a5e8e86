/// <summary>The configuration Compile and Test build in.</summary>
enum Configuration
{
    Debug,
    Release,
}
