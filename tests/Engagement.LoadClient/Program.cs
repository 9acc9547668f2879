using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

// The benchmark's load client for what wrk cannot do: whole form journeys with cookies and antiforgery tokens.
// It runs in its own process and prints its own CPU use, so a run shows whether the client or the app was the limit.
//
//   feedback --base URL [--users 32] [--seconds 10]   whole feedback journeys (6 question pages, check, send)
//   bookings --base URL --event ID [--count 200]       that many people at check your answers, then all book at once
//   signin --base URL --email E --password P --key K   a staff sign-in with two-factor; prints the Cookie header
//                                                      (for wrk's staff inbox scenarios)
return await LoadClient.RunAsync(args);

internal static partial class LoadClient
{
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.FirstOrDefault();
        var baseUrl = Option(args, "--base", "http://127.0.0.1:5080").TrimEnd('/');
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        switch (command)
        {
            case "feedback":
                return await FeedbackAsync(http, int.Parse(Option(args, "--users", "32")), TimeSpan.FromSeconds(double.Parse(Option(args, "--seconds", "10"))));
            case "bookings":
                return await BookingsAsync(http, int.Parse(Option(args, "--event", "0")), int.Parse(Option(args, "--count", "200")));
            case "signin":
                return await SignInAsync(http, Option(args, "--email", ""), Option(args, "--password", ""), Option(args, "--key", ""));
            default:
                Console.Error.WriteLine("usage: signin --base URL --email E --password P --key K | feedback --base URL [--users N] [--seconds S] | bookings --base URL --event ID [--count N]");
                return 2;
        }
    }

    private static async Task<int> FeedbackAsync(HttpClient http, int users, TimeSpan duration)
    {
        // One journey first, outside the clock, so the app has compiled every page before it is measured.
        await FeedbackJourneyAsync(http, 0);
        var durations = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(1, users).Select(user => Task.Run(async () =>
        {
            var journey = 0;
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                try
                {
                    await FeedbackJourneyAsync(http, (user * 1_000_000) + journey++);
                    durations.Add((clock.Elapsed - started).TotalMilliseconds);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    errors.Add(e.Message);
                }
            }
        })));
        var elapsed = clock.Elapsed;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var sorted = durations.Order().ToArray();
        Console.WriteLine($"journeys={sorted.Length} seconds={elapsed.TotalSeconds:0.00} per_second={sorted.Length / elapsed.TotalSeconds:0.0} " +
            $"p50_ms={Percentile(sorted, 0.50):0} p99_ms={Percentile(sorted, 0.99):0} errors={errors.Count} " +
            $"client_cpu_percent_of_one_core={100 * clientCpu.TotalSeconds / elapsed.TotalSeconds:0}");
        foreach (var error in errors.Distinct().Take(5))
        {
            Console.Error.WriteLine("error: " + error);
        }

        return 0;
    }

    /// <summary>The whole journey as a browser without JavaScript makes it: each answer posted, each redirect followed.</summary>
    private static async Task FeedbackJourneyAsync(HttpClient http, int number)
    {
        var person = new Person(http);
        var page = await person.GetAsync("/feedback/who");
        page = await person.PostAsync("/feedback/who", page, ("Input.Role", "CarerOrFamily"));
        page = await person.PostAsync("/feedback/about", page, ("Input.Section", "HomeCare"));
        page = await person.PostAsync("/feedback/tell-us", page, ("Input.Text", $"Benchmark feedback {number}: the visits are often late."));
        page = await person.PostAsync("/feedback/priorities", page, ("Input.PrioritiesNotSure", "true"));
        page = await person.PostAsync("/feedback/contact", page);
        page = await person.PostAsync("/feedback/check", page);
        if (!page.Contains("govuk-panel", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The journey did not end on the confirmation page: " + person.LastUrl);
        }
    }

    private static async Task<int> BookingsAsync(HttpClient http, int eventId, int count)
    {
        if (eventId <= 0)
        {
            Console.Error.WriteLine("--event is required (generate-volume --workshop-places prints the workshop's id)");
            return 2;
        }

        // Everyone answers the questions first (a few at a time), and waits at check your answers.
        var ready = new ConcurrentBag<(Person Person, string Page)>();
        using (var gate = new SemaphoreSlim(16))
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var person = new Person(http);
                    var root = $"/events/{eventId}/register";
                    var page = await person.GetAsync(root + "/details");
                    page = await person.PostAsync(root + "/details", page, ("Input.Name", $"Benchmark person {i}"), ("Input.Email", $"benchmark.{i}@example.org"));
                    page = await person.PostAsync(root + "/access-needs", page, ("Input.Consent", "true"));
                    ready.Add((person, page));
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        // Then all of them press "Book my place" at once.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        var answers = ready.Select(async r =>
        {
            await start.Task;
            var page = await r.Person.PostAsync($"/events/{eventId}/register/check", r.Page);
            return (Elapsed: clock.Elapsed.TotalMilliseconds, Page: page);
        }).ToList();
        clock.Start();
        start.SetResult();
        var results = await Task.WhenAll(answers);
        var confirmed = results.Count(r => r.Page.Contains("Place booked", StringComparison.Ordinal));
        var waitlisted = results.Count(r => r.Page.Contains("waiting list", StringComparison.OrdinalIgnoreCase) && !r.Page.Contains("Place booked", StringComparison.Ordinal));
        Console.WriteLine($"bookings={results.Length} all_answered_ms={results.Max(r => r.Elapsed):0} confirmed={confirmed} waitlisted={waitlisted} " +
            $"other={results.Length - confirmed - waitlisted}");
        return 0;
    }

    /// <summary>Password, then the authenticator code (RFC 6238, from the base32 key); prints the session's cookies.</summary>
    private static async Task<int> SignInAsync(HttpClient http, string email, string password, string key)
    {
        var person = new Person(http);
        var page = await person.GetAsync("/account/login");
        page = await person.PostAsync("/account/login", page, ("Input.Email", email), ("Input.Password", password));
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
        var twoFactor = person.LastUrl;
        page = await person.PostAsync(twoFactor, page, ("Input.Code", code));
        if (person.LastUrl.StartsWith("/account/", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("The sign-in did not finish: it ended at " + person.LastUrl);
            return 1;
        }

        Console.WriteLine("Cookie: " + person.CookieHeader);
        return 0;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>One visitor: their own cookies, forms posted with the page's antiforgery token, redirects followed.</summary>
    private sealed partial class Person(HttpClient http)
    {
        private readonly Dictionary<string, string> _cookies = [];

        public string LastUrl { get; private set; } = "";

        public string CookieHeader => string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value));

        public async Task<string> GetAsync(string url)
        {
            for (var hops = 0; hops < 5; hops++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await SendAsync(request);
                if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther)
                {
                    url = response.Headers.Location!.OriginalString;
                    continue;
                }

                LastUrl = url;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
                }

                return await response.Content.ReadAsStringAsync();
            }

            throw new InvalidOperationException("Too many redirects from " + url);
        }

        public async Task<string> PostAsync(string url, string page, params (string Name, string Value)[] fields)
        {
            var token = TokenPattern().Match(page);
            if (!token.Success)
            {
                throw new InvalidOperationException($"No antiforgery token on the page before {url} (at {LastUrl})");
            }

            var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
                .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
            using var response = await SendAsync(request);
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther))
            {
                throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}, not a redirect");
            }

            return await GetAsync(response.Headers.Location!.OriginalString);
        }

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", CookieHeader);
            }

            var response = await http.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    var pair = setCookie.Split(';', 2)[0];
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals > 0 && equals == pair.Length - 1)
                    {
                        _cookies.Remove(pair[..equals]);
                    }
                    else if (equals > 0)
                    {
                        _cookies[pair[..equals]] = pair[(equals + 1)..];
                    }
                }
            }

            return response;
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();
    }
}
