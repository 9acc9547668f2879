using Engagement.Web.Hosting;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace Engagement.IntegrationTests.Foundation;

public sealed class ConfigurationDocumentationTests
{
    private static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
            {
                return Path.Combine(dir.FullName, name);
            }
        }

        throw new FileNotFoundException(name);
    }

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = File.OpenText(RepositoryFile("docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) =>
        (YamlMappingNode)((YamlMappingNode)Compose()["services"])[name];

    [Fact]
    public void Every_app_environment_variable_in_docker_compose_is_a_setting_the_app_reads()
    {
        var environment = (YamlMappingNode)Service("app")["environment"];
        Assert.Equal(environment.ToString(), Service("app2")["environment"].ToString());
        var known = SettingsCatalogue.All.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        var names = environment.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        Assert.Contains("Database__Provider", names);
        foreach (var name in names.Where(n => !n.StartsWith("ASPNETCORE_", StringComparison.Ordinal)))
        {
            Assert.True(known.Contains(name.Replace("__", ":")), $"docker-compose sets {name}, which the app does not read");
        }

        Assert.Equal("SqlServer", ((YamlScalarNode)environment["Database__Provider"]).Value);
        Assert.Contains("Server=sqlserver", ((YamlScalarNode)environment["ConnectionStrings__Engagement"]).Value);
        Assert.Equal("mailcatcher", ((YamlScalarNode)environment["Email__Smtp__Host"]).Value);
        Assert.Equal("redis:6379", ((YamlScalarNode)environment["OutputCache__Redis"]).Value);
    }

    [Fact]
    public void Docker_compose_runs_two_instances_behind_one_port_with_redis()
    {
        var proxy = Service("proxy");
        var command = ((YamlSequenceNode)proxy["command"]).Children.Select(c => ((YamlScalarNode)c).Value).ToList();
        Assert.Contains("app:8080", command);
        Assert.Contains("app2:8080", command);
        Assert.Contains("8080:8080", ((YamlSequenceNode)proxy["ports"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.False(Service("app").Children.ContainsKey("ports"));
        Assert.StartsWith("redis:", ((YamlScalarNode)Service("redis")["image"]).Value);
        foreach (var app in new[] { "app", "app2" })
        {
            var dependsOn = (YamlMappingNode)Service(app)["depends_on"];
            Assert.Equal("service_healthy", ((YamlScalarNode)((YamlMappingNode)dependsOn["redis"])["condition"]).Value);
            Assert.Equal("Dockerfile", ((YamlScalarNode)((YamlMappingNode)Service(app)["build"])["dockerfile"]).Value);
        }
    }

    [Fact]
    public void Docker_compose_runs_sql_server_2022_with_a_health_check_and_a_volume_and_a_mail_catcher()
    {
        var sqlServer = Service("sqlserver");
        Assert.StartsWith("mcr.microsoft.com/mssql/server:2022", ((YamlScalarNode)sqlServer["image"]).Value);
        Assert.True(sqlServer.Children.ContainsKey("healthcheck"));
        Assert.True(sqlServer.Children.ContainsKey("volumes"));
        Assert.True(((YamlMappingNode)Compose()["services"]).Children.ContainsKey("mailcatcher"));

        var app = Service("app");
        Assert.Equal("Dockerfile", ((YamlScalarNode)((YamlMappingNode)app["build"])["dockerfile"]).Value);
        Assert.True(File.Exists(RepositoryFile("Dockerfile")));
        var dependsOn = (YamlMappingNode)app["depends_on"];
        Assert.Equal("service_healthy", ((YamlScalarNode)((YamlMappingNode)dependsOn["sqlserver"])["condition"]).Value);
    }

    [Fact]
    public void Every_setting_is_in_the_readme_configuration_table()
    {
        var readme = File.ReadAllText(RepositoryFile("README.md"));

        foreach (var setting in SettingsCatalogue.All)
        {
            Assert.True(readme.Contains($"| `{setting.Key}` |", StringComparison.Ordinal), $"README's configuration table is missing {setting.Key}");
        }
    }

    [Fact]
    public void Settings_in_sections_with_options_classes_bind_to_real_properties()
    {
        var values = SettingsCatalogue.All.ToDictionary(
            s => s.Key,
            s => (string?)(s.Default.StartsWith("true", StringComparison.Ordinal) || s.Default.StartsWith("false", StringComparison.Ordinal) ? "true" : "1"));
        values["Database:Provider"] = "Sqlite";
        values["Email:Smtp:SecureSocketOptions"] = "Auto";
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(values).Build();

        void BindStrictly<T>(string section) where T : new() =>
            Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection(section), new T(), o => o.ErrorOnUnknownConfiguration = true);

        BindStrictly<Engagement.Infrastructure.Data.DatabaseOptions>("Database");
        BindStrictly<Engagement.Infrastructure.Email.EmailOptions>("Email");
        BindStrictly<Engagement.Infrastructure.ServiceOptions>("Service");
        BindStrictly<Engagement.Infrastructure.Seeding.SeedOptions>("Seed");
        BindStrictly<Engagement.Web.Features.Triage.SafeguardingOptions>("Safeguarding");
        BindStrictly<Engagement.Infrastructure.Privacy.RetentionOptions>("Retention");
    }
}
