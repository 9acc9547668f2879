# Builds the app from the repository root (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Engagement.Web/Engagement.Web.csproj -c Release --use-current-runtime --self-contained false -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/app/data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Engagement.Web.dll"]
